#!/usr/bin/env bash
# demo.sh: the provider end to end against the LiveDesk sandbox, no account
# and no network needed.
#
#   1. builds the provider and the sandbox into a scratch directory;
#   2. writes a CLI config whose dev_overrides point Terraform at that build
#      (so no registry is contacted and no `init` is needed);
#   3. starts the sandbox on a free loopback port and waits for its ready file;
#   4. applies a scratch copy of examples/demo (a small support inbox seeded
#      from examples/demo/inbox.yaml), prints what the sandbox holds and each
#      conversation's transcript as the sandbox stored it (in order, one line
#      per message with its direction), prints the address of the sandbox's
#      inbox view and, when a Chromium is installed, saves a screenshot of a
#      seeded conversation there; checks that a second plan is empty;
#   5. destroys, prints the sandbox again, stops the sandbox and removes the
#      scratch directory; with KEEP=1 it skips this step instead and leaves
#      the sandbox running with the seeded inbox, saying how to stop it.
#
# Environment:
#   TF_BIN           Terraform or OpenTofu binary (default: terraform on PATH);
#                    `make demo` passes the pinned one, `make demo TF=tofu` OpenTofu.
#   VERSION          version stamped into the provider binary (default: dev).
#   SANDBOX_TIMEOUT  seconds to wait for the sandbox to listen (default: 30).
#   KEEP             1 leaves the sandbox running after the second plan.
#   DEMO_SCREENSHOT  where to save the screenshot (default: a new file under
#                    $TMPDIR); `make demo DEMO_SCREENSHOT=docs/images/inbox.png`
#                    refreshes the README's.
#
# Exits non-zero on any failure.

set -euo pipefail

TF_BIN="${TF_BIN:-terraform}"
VERSION="${VERSION:-dev}"
SANDBOX_TIMEOUT="${SANDBOX_TIMEOUT:-30}"
KEEP="${KEEP:-}"
DEMO_SCREENSHOT="${DEMO_SCREENSHOT:-}"
PROVIDER_ADDR="livedesk-community/livedesk"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

log() { printf '\n==> %s\n' "$*"; }
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }

# print_transcript reads the sandbox's text state on stdin and prints the
# messages of conversation $1 in the order the sandbox holds them (by id,
# which is the order they arrived), one line each: who wrote it to whom,
# its text, its attachments and what it replies to.
print_transcript() {
	local conversation="$1" line in_messages=0 printed=0 pending=""
	local id type text rest direction
	local message_re='^  #([0-9]+) conversation=#([0-9]+) (incoming|outgoing) (".*")(.*)$'
	local attachment_re='^    attachment #[0-9]+ ([^ ]+) '
	# flush prints the message line being assembled, if any.
	flush() {
		if [[ -n "$pending" ]]; then printf '%s\n' "$pending"; fi
		pending=""
	}
	while IFS= read -r line; do
		case "$line" in
		"messages ("*) in_messages=1; continue ;;
		[a-z]*) flush; in_messages=0; continue ;;
		esac
		((in_messages)) || continue
		if [[ "$line" =~ $message_re ]]; then
			flush
			[[ "${BASH_REMATCH[2]}" == "$conversation" ]] || continue
			id="${BASH_REMATCH[1]}" type="${BASH_REMATCH[3]}" text="${BASH_REMATCH[4]}" rest="${BASH_REMATCH[5]}"
			case "$type/$rest" in
			incoming/*) direction="customer -> agent" ;;
			*" private"*) direction="agent, private note" ;;
			*) direction="agent -> customer" ;;
			esac
			printf -v pending '  #%-3s %-8s  %-19s  %s' "$id" "$type" "$direction" "$text"
			if [[ "$rest" =~ in_reply_to=#([0-9]+) ]]; then
				pending+="  (replies to #${BASH_REMATCH[1]})"
			fi
			printed=$((printed + 1))
		elif [[ -n "$pending" && "$line" =~ $attachment_re ]]; then
			pending+="  [attached: ${BASH_REMATCH[1]}]"
		fi
	done
	flush
	((printed > 0)) || die "the sandbox holds no message in conversation $conversation"
}

# take_screenshot saves a screenshot of the view page $1 to $2 with
# livedesk-screenshot, which also prints the page's weight and time to first
# paint. Without a Chromium it says so and carries on.
take_screenshot() {
	local url="$1" file="$2" status=0
	go build -o "$scratch/livedesk-screenshot" ./cmd/livedesk-screenshot
	mkdir -p "$(dirname "$file")"
	"$scratch/livedesk-screenshot" -url "$url" -out "$file" -wait "#messages" || status=$?
	case "$status" in
	0) ;;
	3) echo "no screenshot: no Chromium found (apt-get install chromium, or set LIVEDESK_CHROMIUM)" ;;
	*) die "the screenshot of $url failed (exit $status)" ;;
	esac
}

command -v "$TF_BIN" >/dev/null 2>&1 || die "Terraform CLI not found: TF_BIN=$TF_BIN"
[[ -d examples/demo ]] || die "examples/demo does not exist"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/livedesk-demo.XXXXXX")"
sandbox_pid=""

cleanup() {
	local status=$?
	if [[ "$KEEP" == 1 && $status -eq 0 ]]; then
		exit 0 # the sandbox keeps running; its log stays in $scratch
	fi
	if [[ -n "$sandbox_pid" ]] && kill -0 "$sandbox_pid" 2>/dev/null; then
		kill -TERM "$sandbox_pid" 2>/dev/null || true
		wait "$sandbox_pid" 2>/dev/null || true
	fi
	if [[ $status -ne 0 && -s "$scratch/sandbox.log" ]]; then
		printf '\n--- sandbox log (last 40 lines) ---\n' >&2
		tail -n 40 "$scratch/sandbox.log" >&2 || true
	fi
	rm -rf "$scratch"
	if [[ $status -ne 0 ]]; then
		printf '\ndemo: FAILED (exit %d)\n' "$status" >&2
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Keep the CLI quiet and local: no version checkpoint, no interactive prompts.
export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1
export TF_INPUT=0

log "building the provider and the sandbox"
mkdir -p "$scratch/plugins"
go build -ldflags "-X main.version=$VERSION" -o "$scratch/plugins/terraform-provider-livedesk" .
go build -o "$scratch/livedesk-sandbox" ./cmd/livedesk-sandbox

# dev_overrides: Terraform uses the binary above for our provider and would
# install any other provider the usual way (examples/demo needs none).
export TF_CLI_CONFIG_FILE="$scratch/dev.tfrc"
cat >"$TF_CLI_CONFIG_FILE" <<EOF
provider_installation {
  dev_overrides {
    "$PROVIDER_ADDR" = "$scratch/plugins"
  }
  direct {}
}
EOF

log "starting the sandbox"
ready_file="$scratch/sandbox.env"
"$scratch/livedesk-sandbox" -addr 127.0.0.1:0 -ready-file "$ready_file" >"$scratch/sandbox.log" 2>&1 &
sandbox_pid=$!

# The ready file is complete once its last line (LIVEDESK_INBOX_ID) is there.
deadline=$((SECONDS + SANDBOX_TIMEOUT))
until [[ -f "$ready_file" ]] && grep -q '^LIVEDESK_INBOX_ID=.' "$ready_file"; do
	kill -0 "$sandbox_pid" 2>/dev/null || die "the sandbox exited before it was ready"
	((SECONDS < deadline)) || die "the sandbox was not ready after ${SANDBOX_TIMEOUT}s"
	sleep 0.2
done

# Export the four variables it wrote, reading them as data (never sourcing).
while IFS='=' read -r key value; do
	case "$key" in
	LIVEDESK_BASE_URL | LIVEDESK_API_KEY | LIVEDESK_API_SECRET | LIVEDESK_INBOX_ID)
		export "$key=$value"
		;;
	"") ;;
	*) die "unexpected line in the sandbox ready file: $key" ;;
	esac
done <"$ready_file"
for key in LIVEDESK_BASE_URL LIVEDESK_API_KEY LIVEDESK_API_SECRET LIVEDESK_INBOX_ID; do
	[[ -n "${!key:-}" ]] || die "the sandbox ready file has no $key"
done
export TF_VAR_inbox_id="$LIVEDESK_INBOX_ID"
echo "sandbox listening at $LIVEDESK_BASE_URL (inbox $LIVEDESK_INBOX_ID)"

# Work on a copy so that no state or lock file lands in the repository.
workdir="$scratch/demo"
mkdir -p "$workdir"
cp -R examples/demo/. "$workdir/"
rm -rf "$workdir/.terraform" "$workdir/.terraform.lock.hcl" "$workdir"/terraform.tfstate*

log "$TF_BIN apply"
"$TF_BIN" -chdir="$workdir" apply -auto-approve -input=false

log "what the sandbox holds after apply"
"$scratch/livedesk-sandbox" -inspect "$LIVEDESK_BASE_URL" | tee "$scratch/state.txt"

conversations="$(sed -n 's/^  #\([0-9][0-9]*\) status=\([a-z]*\) .*/\1/p' "$scratch/state.txt")"
[[ -n "$conversations" ]] || die "the sandbox holds no conversation after apply"
for conversation_id in $conversations; do
	log "the transcript of conversation #$conversation_id, as the sandbox holds it"
	grep -m1 "^  #$conversation_id status=" "$scratch/state.txt"
	print_transcript "$conversation_id" <"$scratch/state.txt"
done

# The conversation with the most to see: both sides, a private note,
# replies, an image and a PDF.
shown="$("$TF_BIN" -chdir="$workdir" output -json conversation_ids | sed -n 's/.*"duplicate-charge": *"\([0-9]*\)".*/\1/p')"
[[ -n "$shown" ]] || die "the demo has no duplicate-charge conversation"
log "the inbox view"
echo "inbox view (read-only, updates live): $LIVEDESK_BASE_URL/"
echo "a seeded conversation:                $LIVEDESK_BASE_URL/conversations/$shown"
screenshot="${DEMO_SCREENSHOT:-$(mktemp -d "${TMPDIR:-/tmp}/livedesk-demo-screenshot.XXXXXX")/inbox.png}"
take_screenshot "$LIVEDESK_BASE_URL/conversations/$shown" "$screenshot"

log "$TF_BIN plan (must be empty)"
plan_status=0
"$TF_BIN" -chdir="$workdir" plan -detailed-exitcode -input=false || plan_status=$?
case "$plan_status" in
0) echo "second plan: no changes" ;;
2) die "second plan: changes planned after apply (perpetual diff)" ;;
*) die "second plan: $TF_BIN plan failed (exit $plan_status)" ;;
esac

if [[ "$KEEP" == 1 ]]; then
	log "demo finished; the sandbox keeps running (KEEP=1)"
	echo "look at the seeded inbox: $LIVEDESK_BASE_URL/"
	echo "stop the sandbox with:    kill $sandbox_pid && rm -rf $scratch"
	exit 0
fi

log "$TF_BIN destroy"
"$TF_BIN" -chdir="$workdir" destroy -auto-approve -input=false

log "what the sandbox holds after destroy"
"$scratch/livedesk-sandbox" -inspect "$LIVEDESK_BASE_URL"

log "demo finished"
