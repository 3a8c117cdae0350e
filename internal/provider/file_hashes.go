package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
)

// An attached file is identified by its bytes, not by the path that names
// it: files_sha256 records the SHA-256 of each file as planned and sent
// (see internal/conversation's files.go).

// sentFiles are the files a message was sent with, as the state holds them.
type sentFiles struct {
	Files       types.List
	FilesSHA256 types.List
}

// plannedHashes is files_sha256 for the planned files: unknown while a path
// is unknown, null without files. For a message to be sent (sent is nil)
// every file is hashed and must be readable; for a message already sent,
// see conversation.RehashSentFiles.
// at is the path of the files attribute, for errors.
func plannedHashes(ctx context.Context, at path.Path, files types.List, sent *sentFiles, diags *diag.Diagnostics) types.List {
	if files.IsUnknown() || slices.ContainsFunc(files.Elements(), attr.Value.IsUnknown) {
		return types.ListUnknown(types.StringType)
	}
	if files.IsNull() {
		return types.ListNull(types.StringType)
	}
	var paths []string
	if diags.Append(files.ElementsAs(ctx, &paths, false)...); diags.HasError() {
		return types.ListUnknown(types.StringType)
	}
	var hashes []string
	var err error
	if sent == nil {
		hashes, err = conversation.HashFiles(paths)
	} else {
		var sentPaths, sentHashes []string
		diags.Append(sent.Files.ElementsAs(ctx, &sentPaths, true)...)
		diags.Append(sent.FilesSHA256.ElementsAs(ctx, &sentHashes, true)...)
		hashes, err = conversation.RehashSentFiles(paths, sentPaths, sentHashes)
	}
	if err != nil {
		diags.AddAttributeError(at, "Cannot read a file to attach", err.Error())
		return types.ListUnknown(types.StringType)
	}
	list, d := types.ListValueFrom(ctx, types.StringType, hashes)
	diags.Append(d...)
	return list
}
