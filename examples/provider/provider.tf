terraform {
  required_providers {
    livedesk = {
      source = "livedesk-community/livedesk"
    }
  }
}

# Credentials are best left to the environment:
#   export LIVEDESK_API_KEY=...     # Project Settings → API Management
#   export LIVEDESK_API_SECRET=...
provider "livedesk" {
  # base_url      = "https://livedesk-api.engagelab.com" # or LIVEDESK_BASE_URL
  # max_retries   = 4
  # request_timeout = "30s"
}
