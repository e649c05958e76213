#!/bin/sh
# The conformance replay through Consul, for the runner's --gateway-cmd:
#
#   ../shared/conformance/run --gateway-cmd "$PWD/integration-tests/src/test/consul-gateway.sh {config} {admin}" ...
#
# Starts a fake Consul (ConsulBridge of plugins/discovery/consul-fake), mirrors the runner's {config} directory into
# its KV under conformance/ continuously (the runner writes, renames and deletes case files while it runs), and runs
# the built distribution with the consul config source against it. Extra arguments go to `lintel run`.
# Needs `mvn package` first. Honours JAVA_HOME (else java on PATH) and LINTEL_HOME (default: the unpacked distribution).
set -eu

if [ $# -lt 2 ]; then
    echo "usage: $0 CONFIG_DIR ADMIN_HOST:PORT [lintel run options...]" >&2
    exit 2
fi
config=$1
admin=$2
shift 2

repo=$(cd "$(dirname "$0")/../../.." && pwd)
lintel=${LINTEL_HOME:-$repo/distribution/target/lintel}/bin/lintel
fake_jar=
for jar in "$repo"/plugins/discovery/consul-fake/target/lintel-consul-fake-*.jar; do
    case $jar in
        *-tests.jar | *-sources.jar | *-javadoc.jar) ;;
        *) fake_jar=$jar ;;
    esac
done
if [ -z "$fake_jar" ] || [ ! -f "$fake_jar" ]; then
    echo "$0: no lintel-consul-fake jar in $repo/plugins/discovery/consul-fake/target (run mvn package first)" >&2
    exit 2
fi
if [ -n "${JAVA_HOME:-}" ]; then
    java=$JAVA_HOME/bin/java
else
    java=java
fi

# {consul} and {prefix} are filled in by the bridge once the fake listens.
exec "$java" -cp "$fake_jar" io.lintel.consul.fake.ConsulBridge --directory "$config" --prefix conformance/ -- \
    "$lintel" run --source consul \
    --source-setting 'address={consul}' \
    --source-setting 'prefix={prefix}' \
    --source-setting minQueryInterval=20ms \
    --admin "$admin" "$@"
