#!/usr/bin/env bash
# scripts/build-cli-from-source.sh: builds a Terraform or OpenTofu release
# that `go install` cannot build, from its module on the Go module proxy.
#
#   scripts/build-cli-from-source.sh terraform 1.15.9 OUTPUT
#   scripts/build-cli-from-source.sh tofu 1.12.6 OUTPUT
#
# `go install module@version` refuses a module whose go.mod has replace
# directives, and both of these have some. So the module is downloaded
# (`go mod download`), copied into a scratch directory, made writable, and
# built there as the main module, static (CGO_ENABLED=0), with
# -X <module>/version.dev=no so that `version` reports the release without
# the "-dev" suffix, as the projects' own release builds do. OUTPUT is
# written only when the build succeeded and the binary reports the version.
# Needs Go, the Go module proxy and coreutils, grep and sed.
#
# OpenTofu is built unchanged (`go build ./cmd/tofu`).
#
# Terraform needs one change. Its go.mod requires, through replace
# directives pointing into ./internal, ten nested modules:
# internal/backend/remote-state/{azure,consul,cos,gcs,kubernetes,oci,oss,pg,s3}
# and internal/legacy. A nested module is never part of its parent's module
# zip, so those directories are missing from the download and the build
# cannot resolve them. The script therefore changes two files of the copy:
#   - go.mod: drops the require and replace lines of those ten modules;
#   - internal/backend/init/init.go: drops the imports and the map entries
#     of the nine state backends they hold (azurerm, consul, cos, gcs,
#     kubernetes, oci, oss, pg, s3).
# The local, remote, http, inmem and cloud backends stay, and nothing else
# changes (internal/legacy is imported only by tests). The result is
# Terraform without those nine remote-state backends: a configuration with
# `backend "s3"` and the like is refused as an unsupported backend. The
# acceptance tests use local state only. Each edit is checked: a line that
# is not found, or a removed module still referenced, stops the script.

set -euo pipefail

usage() {
	echo "usage: $0 terraform|tofu VERSION OUTPUT" >&2
	exit 2
}
die() {
	echo "$0: $*" >&2
	exit 1
}

[[ $# -eq 3 ]] || usage
cli=$1 version=${2#v} output=$3

# -mod=mod lets the Terraform build settle go.mod after the edit below;
# OpenTofu's go.mod is used as it is (-mod=readonly, go build's default).
case $cli in
terraform) module=github.com/hashicorp/terraform pkg=. mod=mod ;;
tofu) module=github.com/opentofu/opentofu pkg=./cmd/tofu mod=readonly ;;
*) usage ;;
esac
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "VERSION must look like 1.15.9, not \"$version\""

scratch="$(mktemp -d)"
trap 'chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT

# Outside any module, so that the project's go.mod and GOFLAGS play no part.
cd "$scratch"
export GOFLAGS=
echo "==> go mod download $module@v$version"
info="$(go mod download -json "$module@v$version")" || die "go mod download failed: $info"
dir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' <<<"$info")"
[[ -n $dir && -f $dir/go.mod ]] || die "no module directory in the answer of go mod download: $info"

src="$scratch/src"
cp -R "$dir/." "$src"
chmod -R u+w "$src"
cd "$src"

grep -qx "module $module" go.mod || die "go.mod of $dir does not declare module $module"
version_file="$(tr -d '[:space:]' <version/VERSION)"
[[ $version_file == "$version" ]] || die "version/VERSION says \"$version_file\", expected \"$version\""

if [[ $cli == terraform ]]; then
	backends=(azure consul cos gcs kubernetes oci oss pg s3)
	nested=()
	for b in "${backends[@]}"; do nested+=("internal/backend/remote-state/$b"); done
	nested+=(internal/legacy)

	# go.mod: each nested module has exactly one require and one replace line.
	for m in "${nested[@]}"; do
		path="$module/$m"
		n_req="$(grep -cE "^[[:space:]]*(require[[:space:]]+)?${path//./\\.} v" go.mod || true)"
		n_rep="$(grep -cE "^[[:space:]]*(replace[[:space:]]+)?${path//./\\.} => \./$m\$" go.mod || true)"
		[[ $n_req == 1 && $n_rep == 1 ]] ||
			die "go.mod: expected one require and one replace of $path, found $n_req and $n_rep"
		go mod edit -droprequire="$path" -dropreplace="$path"
	done
	for m in "${nested[@]}"; do
		! grep -qF "$module/$m " go.mod || die "go.mod still names $module/$m after the edit"
	done

	# init.go: drop the import of each backend and the map entry that uses it.
	init=internal/backend/init/init.go
	for b in "${backends[@]}"; do
		import_re="^[[:space:]]*([A-Za-z0-9_]+)[[:space:]]+\"${module//./\\.}/internal/backend/remote-state/$b\"\$"
		[[ "$(grep -cE "$import_re" "$init" || true)" == 1 ]] || die "$init: no single import of remote-state/$b"
		alias="$(sed -nE "s#$import_re#\\1#p" "$init")"
		entry_re="^[[:space:]]*\"[a-z0-9]+\":[[:space:]]*func\(\) backend\.Backend \{ return $alias\.New\(\) \},\$"
		[[ "$(grep -cE "$entry_re" "$init" || true)" == 1 ]] || die "$init: no single map entry using $alias"
		sed -i -E "/$(sed 's#/#\\/#g' <<<"$import_re")/d; /$entry_re/d" "$init"
		! grep -qE "\\b$alias\\b" "$init" || die "$init: $alias is still referenced after the edit"
	done
	for kept in local remote remote-state/http remote-state/inmem; do
		grep -qF "\"$module/internal/backend/$kept\"" "$init" || die "$init: the import of $kept is gone"
	done
	grep -qF "\"$module/internal/cloud\"" "$init" || die "$init: the import of internal/cloud is gone"
	! grep -rqE --include='*.go' --exclude='*_test.go' \
		"\"${module//./\\.}/internal/(legacy|backend/remote-state/($(
			IFS='|'
			echo "${backends[*]}"
		)))[/\"]" . || die "a non-test Go file still imports a removed nested module"
	gofmt -l "$init" >/dev/null || die "$init no longer parses"
	echo "==> left out of $module@v$version: ${nested[*]}"
fi

echo "==> go build $module@v$version ($pkg) -> $output"
mkdir -p "$(dirname "$output")"
CGO_ENABLED=0 go build -mod=$mod -buildvcs=false \
	-ldflags "-X $module/version.dev=no" -o "$scratch/$cli" "$pkg"

# The first line of `version` must name the release, without "-dev". No
# CLI configuration is read (a warning about one would come first).
case $cli in
terraform) expected="Terraform v$version" ;;
tofu) expected="OpenTofu v$version" ;;
esac
reported="$(env -u TF_CLI_CONFIG_FILE -u TF_LOG CHECKPOINT_DISABLE=1 HOME="$scratch" "$scratch/$cli" version 2>&1 | head -1)"
[[ $reported == "$expected" ]] || die "the built binary reports \"$reported\", expected \"$expected\""
cp "$scratch/$cli" "$output.tmp"
mv -f "$output.tmp" "$output"
echo "==> $output: $reported"
