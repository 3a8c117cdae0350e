// Command terraform-provider-livedesk is the Terraform provider for
// EngageLab LiveDesk.
package main

import (
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// providerAddress is the provider's registry address.
const providerAddress = "registry.terraform.io/livedesk-community/livedesk"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	silenceUnrequestedLogs()

	server, err := provider.NewServer(version)()
	if err != nil {
		log.Fatal(err.Error())
	}
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err = tf6server.Serve(providerAddress, func() tfprotov6.ProviderServer { return server }, opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}

// providerLogVariable sets the level of the provider's own logger (tflog):
// terraform-plugin-go names it after the type in providerAddress,
// TF_LOG_PROVIDER_<TYPE>, and reads no other variable for it (Terraform
// reads TF_LOG_PROVIDER itself, but the provider process does not).
const providerLogVariable = "TF_LOG_PROVIDER_LIVEDESK"

// logVariables are the environment variables that ask for provider logs.
// Terraform passes its environment on to the provider process.
var logVariables = []string{"TF_LOG", "TF_LOG_PROVIDER", providerLogVariable, "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// silencedLoggers are the variables silenceUnrequestedLogs sets to "off":
// the provider's own logger and the plugin SDK's.
var silencedLoggers = []string{providerLogVariable, "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// silenceUnrequestedLogs turns the provider's and the plugin SDK's loggers
// off when none of logVariables is set. terraform-plugin-log otherwise
// writes every line at TRACE and leaves it to Terraform to drop them, which
// it does when no TF_LOG is set: formatting them cost about a third of the
// provider's CPU time during an apply (make bench).
func silenceUnrequestedLogs() {
	for _, name := range logVariables {
		if os.Getenv(name) != "" {
			return
		}
	}
	for _, name := range silencedLoggers {
		_ = os.Setenv(name, "off")
	}
}
