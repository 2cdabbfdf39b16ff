#!/usr/bin/env bash
# Regenerates the documentation screenshots in docs/images/ from a real Jenkins (./mvnw hpi:run) whose plugin
# obtains real (local, fake) AWS sessions. See docs/screenshots/README.md.
#
# Environment (all optional):
#   MVN_ARGS         extra Maven options, e.g. "-s /path/to/settings.xml" (default: none)
#   PORT             Jenkins' HTTP port (default: 8080, or the next free one)
#   CHROMIUM         the Chromium binary (default: /usr/bin/chromium)
#   AWS_CLI          the AWS CLI the Pipeline runs (default: aws, from the PATH)
#   SCREENSHOTS_WORK scratch directory: Jenkins home, logs (default: /tmp/aws-oidc-role-screenshots, a path that
#                    shows in the build log, so not one of the checkout; emptied first)
#   HOLD=1           keep Jenkins and the fake AWS server running after the screenshots, until Ctrl-C
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/docs/screenshots"
IMAGES="$ROOT/docs/images"
WORK=${SCREENSHOTS_WORK:-/tmp/aws-oidc-role-screenshots}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
AWS_CLI=${AWS_CLI:-aws}
read -r -a MVN_OPTS <<<"${MVN_ARGS:-}"
MAX_BYTES=$((250 * 1024))

log() { printf '[take.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}

# --- Everything this script starts runs in its own process group (setsid), so that stopping it also stops what it
# forked (hpi:run forks the Jenkins JVM). Only these groups are ever signalled.
GROUPS_STARTED=()
stop_all() {
    local status=$?
    trap - EXIT INT TERM
    local g
    for g in "${GROUPS_STARTED[@]}"; do
        kill -TERM -- "-$g" 2>/dev/null || true
    done
    for g in "${GROUPS_STARTED[@]}"; do
        for _ in $(seq 1 30); do
            kill -0 -- "-$g" 2>/dev/null || break
            sleep 1
        done
        kill -KILL -- "-$g" 2>/dev/null || true
    done
    [[ ${#GROUPS_STARTED[@]} -eq 0 ]] || log "stopped everything started here"
    exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_group LOGFILE COMMAND...: runs COMMAND in a new session (its pid is its process group id).
start_group() {
    local logfile=$1
    shift
    setsid "$@" >"$logfile" 2>&1 </dev/null &
    GROUPS_STARTED+=("$!")
    STARTED_PID=$!
}

mvnw() { (cd "$ROOT" && ./mvnw -B -ntp "${MVN_OPTS[@]}" "$@"); }

# need COMMAND DEBIAN_PACKAGE: installs the package when the command is missing and this is a root shell with apt-get.
need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        log "installing Debian package $2 (for $1)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >"$WORK/apt-$2.log" 2>&1 ||
            die "apt-get install $2 failed, see $WORK/apt-$2.log"
    else
        die "$1 is missing: install it (Debian: apt-get install $2)"
    fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- Prerequisites
# Only a directory this script made (it holds the marker) or an empty one is emptied.
if [[ -d $WORK && -n $(ls -A "$WORK") && ! -f $WORK/.take-sh-work ]]; then
    die "$WORK is not empty and not a directory of this script; set SCREENSHOTS_WORK to another one"
fi
rm -rf "$WORK"
mkdir -p "$WORK" "$IMAGES"
touch "$WORK/.take-sh-work"
command -v java >/dev/null || die "a JDK (17 or 21) is needed"
if ! command -v npm >/dev/null || ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then
    die "Node.js 20 or newer and npm are needed"
fi
command -v curl >/dev/null || die "curl is needed"
command -v "$AWS_CLI" >/dev/null || die "the AWS CLI ($AWS_CLI) is needed: apt-get install awscli, or set AWS_CLI"
if [[ $CHROMIUM == /usr/bin/chromium ]]; then
    need chromium chromium
fi
[[ -x $CHROMIUM ]] || die "no Chromium at $CHROMIUM (set CHROMIUM)"

log "installing playwright-core (npm ci)"
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error >"$WORK/npm.log" 2>&1) || die "npm ci failed, see $WORK/npm.log"

if [[ -z ${PORT:-} ]]; then
    PORT=8080
    while port_in_use "$PORT"; do PORT=$((PORT + 1)); done
elif port_in_use "$PORT"; then
    die "port $PORT is in use"
fi
JENKINS="http://localhost:$PORT/jenkins"
ISSUER="$JENKINS/aws-oidc-role"

# --- The fake AWS account, from the test classes. They are copied first: hpi:run compiles into target/ again, and
# the fake must not see its classes change under it.
log "compiling and resolving the test classpath"
mvnw test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" \
    >"$WORK/maven-compile.log" 2>&1 || die "Maven failed, see $WORK/maven-compile.log"
mkdir -p "$WORK/fake"
cp -r "$ROOT/target/classes" "$ROOT/target/test-classes" "$WORK/fake/"
FAKE_CP="$WORK/fake/test-classes:$WORK/fake/classes:$(cat "$WORK/classpath.txt")"

log "starting the fake AWS server for issuer $ISSUER"
# nodelay: without it each answer of the JDK HTTP server waits ~40 ms for a delayed ACK (see pom.xml).
start_group "$WORK/fake-aws.log" java -Dsun.net.httpserver.nodelay=true -cp "$FAKE_CP" \
    io.jenkins.plugins.awsrole.engine.fakeaws.FakeAwsServer "$ISSUER" "$WORK/fake-aws.properties"
FAKE_PID=$STARTED_PID
for _ in $(seq 1 60); do
    [[ -f $WORK/fake-aws.properties ]] && break
    kill -0 "$FAKE_PID" 2>/dev/null || die "the fake AWS server stopped: $(tail -20 "$WORK/fake-aws.log")"
    sleep 1
done
[[ -f $WORK/fake-aws.properties ]] || die "the fake AWS server did not start, see $WORK/fake-aws.log"
ENDPOINT=$(sed -n 's/^endpoint=//p' "$WORK/fake-aws.properties")
ROLE_ARN=$(sed -n 's/^roleArn=//p' "$WORK/fake-aws.properties")
log "fake AWS at $ENDPOINT, role $ROLE_ARN"

# --- The plugin's configuration, as an administrator would keep it: JCasC (hpi:run installs the test-scoped
# plugins, configuration-as-code among them). The Jenkins URL makes the issuer the URL the fake fetches.
cat >"$WORK/jenkins.yaml" <<EOF
unclassified:
  location:
    url: "$JENKINS/"
  awsOidcRole:
    defaultRegion: "eu-west-1"
    stsEndpoint: "$ENDPOINT"
    mappings:
      - stage: "deploy"
        roleArn: "$ROLE_ARN"
        jobs: "demo"
EOF

log "starting Jenkins (./mvnw hpi:run) on $JENKINS"
# shellcheck disable=SC2016 # $1 and $@ belong to the inner shell
start_group "$WORK/jenkins.log" env CASC_JENKINS_CONFIG="$WORK/jenkins.yaml" \
    bash -c 'cd "$1" && shift && exec ./mvnw "$@"' _ "$ROOT" -B -ntp "${MVN_OPTS[@]}" hpi:run \
    -Dport="$PORT" -DjenkinsHome="$WORK/jenkins-home"
JENKINS_PID=$STARTED_PID
deadline=$((SECONDS + 900))
until curl -sf -o /dev/null "$JENKINS/api/json"; do
    kill -0 "$JENKINS_PID" 2>/dev/null || die "hpi:run stopped: $(tail -30 "$WORK/jenkins.log")"
    ((SECONDS < deadline)) || die "Jenkins did not answer within 15 minutes, see $WORK/jenkins.log"
    sleep 3
done
log "Jenkins answers"

# --- The demo job, through the REST API with a crumb (the crumb belongs to the session, hence the cookie jar).
COOKIES="$WORK/cookies.txt"
crumb_json=$(curl -sf -c "$COOKIES" -b "$COOKIES" "$JENKINS/crumbIssuer/api/json")
CRUMB_FIELD=$(sed -n 's/.*"crumbRequestField":"\([^"]*\)".*/\1/p' <<<"$crumb_json")
CRUMB=$(sed -n 's/.*"crumb":"\([^"]*\)".*/\1/p' <<<"$crumb_json")
[[ -n $CRUMB_FIELD && -n $CRUMB ]] || die "no crumb in $crumb_json"
post() { curl -sf -c "$COOKIES" -b "$COOKIES" -H "$CRUMB_FIELD: $CRUMB" -X POST "$@"; }

# The CLI must use the block's variables only: no profile, credentials file or instance metadata of this machine.
cat >"$WORK/demo.xml" <<EOF
<?xml version='1.1' encoding='UTF-8'?>
<flow-definition plugin="workflow-job">
  <description>Deploys with short-lived AWS credentials.</description>
  <definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition" plugin="workflow-cps">
    <script>node('built-in') {
  withEnv(['AWS_CONFIG_FILE=/nonexistent', 'AWS_SHARED_CREDENTIALS_FILE=/nonexistent',
           'AWS_EC2_METADATA_DISABLED=true', 'AWS_PAGER=']) {
    withAwsRole(stage: 'deploy') {
      sh '$AWS_CLI sts get-caller-identity --endpoint-url $ENDPOINT'
      sh 'echo "key=\$AWS_ACCESS_KEY_ID secret=\$AWS_SECRET_ACCESS_KEY"'
    }
  }
}</script>
    <sandbox>true</sandbox>
  </definition>
</flow-definition>
EOF
log "creating and building job demo"
post -H 'Content-Type: application/xml' --data-binary "@$WORK/demo.xml" -o /dev/null "$JENKINS/createItem?name=demo" ||
    die "createItem failed"
post -o /dev/null "$JENKINS/job/demo/build?delay=0sec" || die "could not start the build"
deadline=$((SECONDS + 300))
result=""
while [[ -z $result ]]; do
    ((SECONDS < deadline)) || die "build demo #1 did not finish within 5 minutes"
    sleep 2
    result=$(curl -sf "$JENKINS/job/demo/1/api/json?tree=result" | sed -n 's/.*"result":"\([A-Z_]*\)".*/\1/p' || true)
done
curl -sf "$JENKINS/job/demo/1/consoleText" >"$WORK/demo-1.log"
[[ $result == SUCCESS ]] || die "build demo #1: $result; its log: $(cat "$WORK/demo-1.log")"
# The screenshots must show masking at work, and nothing the masking should have hidden.
grep -qF 'key=**** secret=****' "$WORK/demo-1.log" || die "the build log lacks 'key=**** secret=****'"
! grep -qE 'ASIA[A-Z0-9]{16}' "$WORK/demo-1.log" || die "an access key id is visible in the build log"
log "build demo #1: SUCCESS"

# --- The screenshots.
log "taking screenshots"
shoot() {
    node "$HERE/shoot.mjs" --jenkins "$JENKINS" --out "$IMAGES" --chromium "$CHROMIUM"
}
if [[ -n ${HOLD:-} ]]; then
    shoot || log "screenshots failed"
else
    shoot
fi

# Keep the PNGs small: quantize the ones over the limit (pngquant keeps text sharp; skip it if it does not help).
for png in "$IMAGES"/configuration.png "$IMAGES"/console.png "$IMAGES"/build-sessions.png "$IMAGES"/audit.png; do
    [[ -f $png ]] || continue
    if (($(stat -c %s "$png") > MAX_BYTES)); then
        need pngquant pngquant
        # 98/99: the result would be larger or too lossy, so the file stays as it is.
        pngquant --force --skip-if-larger --quality=65-95 --strip --output "$png" -- "$png" || {
            rc=$?
            [[ $rc -eq 98 || $rc -eq 99 ]] || die "pngquant failed on $png"
        }
    fi
    log "$(basename "$png"): $(stat -c %s "$png") bytes"
done

if [[ -n ${HOLD:-} ]]; then
    log "holding: Jenkins at $JENKINS/, fake AWS at $ENDPOINT; Ctrl-C stops both"
    while kill -0 "$JENKINS_PID" 2>/dev/null; do sleep 5; done
fi
