terraform {
  required_providers {
    livedesk = {
      source = "livedesk-community/livedesk"
    }
  }
}

provider "livedesk" {} # credentials from LIVEDESK_API_KEY and LIVEDESK_API_SECRET
