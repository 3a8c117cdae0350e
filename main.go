// Command terraform-provider-livedesk is the Terraform provider for
// EngageLab LiveDesk.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/livedesk-community/livedesk",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
