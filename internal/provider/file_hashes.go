package provider

import (
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

// plannedHashes is files_sha256 for the planned files, as the engine plans
// it (see conversation.Element.PlannedHashes); sent is nil for a message
// to be sent. at is the path of the files attribute, for errors.
func plannedHashes(at path.Path, files types.List, sent *sentFiles, diags *diag.Diagnostics) types.List {
	var was *conversation.Message
	if sent != nil {
		was = &conversation.Message{Files: knownPaths(sent.Files), Hashes: engineStrings(sent.FilesSHA256)}
	}
	planned := conversation.Element{Message: conversation.Message{Files: knownPaths(files)}, FilesUnknown: filesUnknown(files)}
	hashes, err := planned.PlannedHashes(was)
	if err != nil {
		diags.AddAttributeError(at, conversation.UnreadableFile, err.Error())
	}
	return hashesFrom(hashes)
}
