//go:build generate

// Package tools pins the build-time tools of the provider in their own module,
// so that they stay out of the provider's go.mod. Run them from this
// directory with "go run", as the GNUmakefile does:
//
//	cd tools && go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate --provider-dir .. --provider-name livedesk
package tools

import (
	// Documentation generation (docs/ from templates/, examples/ and the schema).
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)
