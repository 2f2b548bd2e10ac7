#!/usr/bin/env bash
# factlint side by side with its peers (issue 7, item 2).
#
# One hyperfine run per input with every command in it: `wc -w` (the scanning floor),
# factlint extract/check, textlint with the prh and terminology rules, quantulum3.
# The peers, their versions and their rule files are those of
# ../shared/anchors/peer-tools.md; everything they need is built under $PEER, not here.
#
# usage: benches/peers.sh [--quantulum-big]
#   PEER=/tmp/peer                     work folder: inputs, peers, results
#   FACTLINT=target/release/factlint   the binary under test (build it first)
#   SEEDS=../shared/seeds              the four seed statements
#   MIN_RUNS=5                         hyperfine --min-runs
#   QUANTULUM_BIG=0                    1 (or --quantulum-big): one timed quantulum3 run on
#                                      big.txt (about 90 s); by default it is skipped
#   VERBOSE=0                          1: show hyperfine's own output
# Prints the summary table; it is also in $PEER/results/summary.md.
set -euo pipefail

cd "$(dirname "$0")/.."
PEER=${PEER:-/tmp/peer}
FACTLINT=${FACTLINT:-target/release/factlint}
SEEDS=${SEEDS:-../shared/seeds}
MIN_RUNS=${MIN_RUNS:-5}
QUANTULUM_BIG=${QUANTULUM_BIG:-0}
VERBOSE=${VERBOSE:-0}
for arg in "$@"; do
    case $arg in
        --quantulum-big) QUANTULUM_BIG=1 ;;
        *) echo "peers.sh: unknown argument $arg" >&2; exit 2 ;;
    esac
done

[[ -x $FACTLINT ]] || { echo "peers.sh: $FACTLINT not found: cargo build --release" >&2; exit 1; }
FACTLINT=$(realpath "$FACTLINT")
SEEDS=$(realpath "$SEEDS")
mkdir -p "$PEER"
PEER=$(realpath "$PEER")
RES=$PEER/results
mkdir -p "$RES"
LOG=$RES/setup.log
: >"$LOG"
fail() { echo "peers.sh: $1 (see $LOG)" >&2; exit 1; }

# ---------------------------------------------------------------- inputs
# med.txt and big.txt exactly as peer-tools.md: the sorted seeds, trailing newlines
# stripped, "\n\n" added, the block repeated until >= 1 MB / >= 20 MB.
SEEDS="$SEEDS" PEER="$PEER" python3 - <<'EOF'
import glob, os
seeds, peer = os.environ["SEEDS"], os.environ["PEER"]
data = b"".join(open(f, "rb").read().rstrip(b"\n") + b"\n\n"
                for f in sorted(glob.glob(os.path.join(seeds, "*.txt"))))
for name, target in (("med.txt", 1_000_000), ("big.txt", 20_000_000)):
    out = bytearray()
    while len(out) < target:
        out += data
    path = os.path.join(peer, name)
    if not (os.path.exists(path) and open(path, "rb").read() == out):
        open(path, "wb").write(out)
EOF
# The "20 MB in 500 files" case: big.txt cut into exactly 500 pieces at line ends.
if [[ $(find "$PEER/split500" -name '*.txt' 2>/dev/null | wc -l) -ne 500 ]] ||
   [[ $PEER/big.txt -nt $PEER/split500 ]]; then
    rm -rf "$PEER/split500" && mkdir -p "$PEER/split500"
    split -n l/500 -d -a 3 --additional-suffix=.txt "$PEER/big.txt" "$PEER/split500/part_"
fi
NSPLIT=$(find "$PEER/split500" -name '*.txt' | wc -l)
[[ $NSPLIT -eq 500 ]] || fail "split500 has $NSPLIT files, not 500"

# ---------------------------------------------------------------- peers
TL=$PEER/textlint
if [[ ! -x $TL/node_modules/.bin/textlint || ! -d $TL/node_modules/textlint-rule-prh ||
      ! -d $TL/node_modules/textlint-rule-terminology ]]; then
    mkdir -p "$TL"
    (cd "$TL" && { [[ -f package.json ]] || npm init -y; } &&
        npm install --prefix . --no-audit --no-fund textlint textlint-rule-prh \
            textlint-rule-terminology) >>"$LOG" 2>&1 || fail "npm install of textlint failed"
fi
mkdir -p "$TL/conf"
cat >"$TL/conf/prh.yml" <<'EOF'
version: 1
rules:
  - expected: $1iên $2ợp $3uốc
    pattern: /(L)iên (h)iệp (q)uốc/i
    specs:
      - from: Công ước của Liên hiệp quốc về Luật biển
        to:   Công ước của Liên hợp quốc về Luật biển
  - expected: $1ỷ
    pattern: /(?<!\p{L})([Tt])ỉ(?!\p{L})/
    specs:
      - from: vượt 400 tỉ đô la, tỉnh Nam Định
        to:   vượt 400 tỷ đô la, tỉnh Nam Định
EOF
cat >"$TL/conf/prh.json" <<'EOF'
{ "rules": { "prh": { "rulePaths": ["./prh.yml"] } } }
EOF
cat >"$TL/conf/terminology.json" <<'EOF'
{ "rules": { "terminology": { "defaultTerms": false,
    "terms": [ ["(?<![\\wÀ-ỹ])Liên hiệp quốc(?![\\wÀ-ỹ])", "Liên hợp quốc"],
               ["(?<![\\wÀ-ỹ])tỉ(?![\\wÀ-ỹ])", "tỷ"] ] } } }
EOF

QU=$PEER/quantulum3
if ! "$QU/venv/bin/python" -c 'import quantulum3' >/dev/null 2>&1; then
    mkdir -p "$QU"
    (cd "$QU" && python3 -m venv venv && ./venv/bin/pip install -q --upgrade pip &&
        ./venv/bin/pip install -q quantulum3) >>"$LOG" 2>&1 || fail "pip install of quantulum3 failed"
fi
cat >"$QU/run.py" <<'EOF'
import sys, time, collections, warnings
warnings.filterwarnings("ignore")
from quantulum3 import parser
path = sys.argv[1]
t0 = time.perf_counter()
n = 0; units = collections.Counter(); nbytes = 0
with open(path, encoding="utf-8") as f:
    for line in f:
        nbytes += len(line.encode())
        if not line.strip():
            continue
        for q in parser.parse(line):
            n += 1; units[q.unit.name] += 1
dt = time.perf_counter() - t0
print(f"quantities={n} bytes={nbytes} parse_s={dt:.2f} MB/s={nbytes/1e6/dt:.3f}")
print(units.most_common(8))
EOF

# Peak RSS: GNU time if present (apt `time`), else a python wrapper reading the
# children's rusage. Both write "maxrss_kB wall_s user_s sys_s" to the file named first.
if [[ ! -x /usr/bin/time ]] && command -v apt-get >/dev/null; then
    apt-get install -y -q time >>"$LOG" 2>&1 || true
fi
rss_run() { # rss_run RSSFILE OUTFILE CMD...
    local rss=$1 out=$2; shift 2
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -f '%M %e %U %S' -o "$rss" "$@" >"$out" 2>>"$LOG" || true
    else
        python3 -c '
import resource, subprocess, sys, time
t = time.perf_counter()
with open(sys.argv[2], "wb") as out:
    subprocess.run(sys.argv[3:], stdout=out)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
wall = time.perf_counter() - t
open(sys.argv[1], "w").write(f"{r.ru_maxrss} {wall:.2f} {r.ru_utime:.2f} {r.ru_stime:.2f}\n")' "$rss" "$out" "$@" 2>>"$LOG" || true
    fi
}

# ---------------------------------------------------------------- runs
LOAD_BEFORE=$(uptime)
cd "$TL" # textlint resolves its rules from the working folder's node_modules
TEXTLINT=$TL/node_modules/.bin/textlint
SPLIT_FILES=$(find "$PEER/split500" -name '*.txt' | sort | tr '\n' ' ')
: >"$RES/commands.tsv"
for input in med big split500; do
    case $input in
        med | big) target=$PEER/$input.txt; wc_target=$target ;;
        split500) target=$PEER/split500; wc_target=$SPLIT_FILES ;;
    esac
    names=(wc-w factlint-extract factlint-check textlint-prh textlint-terminology)
    cmds=("wc -w $wc_target"
          "$FACTLINT extract --format jsonl $target"
          "$FACTLINT check --format jsonl $target"
          "$TEXTLINT --config conf/prh.json -f unix $target"
          "$TEXTLINT --config conf/terminology.json -f unix $target")
    if [[ $input == med ]]; then
        names+=(quantulum3)
        cmds+=("$QU/venv/bin/python $QU/run.py $target")
    fi
    args=()
    for i in "${!names[@]}"; do
        args+=(-n "${names[$i]}" "${cmds[$i]}")
        shown=${cmds[$i]//$SPLIT_FILES/$PEER/split500/*.txt}
        printf '%s\t%s\t%s\n' "$input" "${names[$i]}" "$shown" >>"$RES/commands.tsv"
        # shellcheck disable=SC2086 # the command is split on spaces, as hyperfine -N does
        rss_run "$RES/$input.${names[$i]}.rss" "$RES/$input.${names[$i]}.out" ${cmds[$i]}
    done
    style=none
    if [[ $VERBOSE == 1 ]]; then style=basic; fi
    hyperfine -N -i --warmup 1 --min-runs "$MIN_RUNS" --style "$style" \
        --export-json "$RES/$input.json" --export-markdown "$RES/$input.md" \
        "${args[@]}" >>"$LOG" 2>&1 || fail "hyperfine on $input failed"
    if [[ $VERBOSE == 1 ]]; then cat "$RES/$input.md"; fi
done
rm -f "$RES/big.quantulum3.rss" "$RES/big.quantulum3.out"
if [[ $QUANTULUM_BIG == 1 ]]; then
    printf '%s\t%s\t%s\n' big quantulum3 "$QU/venv/bin/python $QU/run.py $PEER/big.txt" \
        >>"$RES/commands.tsv"
    rss_run "$RES/big.quantulum3.rss" "$RES/big.quantulum3.out" \
        "$QU/venv/bin/python" "$QU/run.py" "$PEER/big.txt"
fi
LOAD_AFTER=$(uptime)
VERSIONS="$("$FACTLINT" --version); textlint $("$TEXTLINT" --version);\
 textlint-rule-prh $(node -p 'require("./node_modules/textlint-rule-prh/package.json").version');\
 textlint-rule-terminology $(node -p 'require("./node_modules/textlint-rule-terminology/package.json").version');\
 quantulum3 $("$QU/venv/bin/python" -c 'import importlib.metadata as m; print(m.version("quantulum3"))');\
 $(hyperfine --version)"
cd - >/dev/null

# What each one reads in three sentences written for this script: factlint's claims next
# to quantulum3's quantities.
cat >"$PEER/probe.txt" <<'TXT'
Năm 2024, toàn tỉnh có hơn 1.000 doanh nghiệp thành lập mới, vốn đăng ký đạt 12,5 nghìn tỷ đồng, tăng 6,2% so với năm trước.
Công tác an ninh, an sinh xã hội được giữ vững.
Sản lượng lúa đạt ba mươi lăm nghìn tấn.
TXT
"$FACTLINT" extract --format jsonl "$PEER/probe.txt" >"$RES/probe.factlint.out" 2>>"$LOG" || true
"$QU/venv/bin/python" - "$PEER/probe.txt" >"$RES/probe.quantulum3.out" 2>>"$LOG" <<'PY' || true
import sys, warnings
warnings.filterwarnings("ignore")
from quantulum3 import parser
for line in open(sys.argv[1], encoding="utf-8"):
    for q in parser.parse(line):
        print(f"{q.surface}\t{q.value!r}\t{q.unit.name}")
PY

# ---------------------------------------------------------------- summary
RES="$RES" PEER="$PEER" NSPLIT="$NSPLIT" QUANTULUM_BIG="$QUANTULUM_BIG" \
LOAD_BEFORE="$LOAD_BEFORE" LOAD_AFTER="$LOAD_AFTER" VERSIONS="$VERSIONS" \
python3 - <<'EOF' | tee "$RES/summary.md"
import collections, json, os, re
res, peer = os.environ["RES"], os.environ["PEER"]

def size(inp):
    if inp == "split500":
        d = os.path.join(peer, "split500")
        return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))
    return os.path.getsize(os.path.join(peer, inp + ".txt"))

def read(inp, name, ext):
    try:
        return open(os.path.join(res, f"{inp}.{name}.{ext}"), encoding="utf-8").read()
    except OSError:
        return None

def timefile(inp, name):
    """maxrss_kB wall user sys of the single /usr/bin/time run, or None."""
    t = read(inp, name, "rss")
    try:
        kb, wall, user, sys_ = t.split()[-4:]
        return int(kb), float(wall), float(user), float(sys_)
    except (AttributeError, ValueError):
        return None

PEER_TERMS = ("Liên hiệp quốc", "tỉ")  # what the two textlint rules look for

def found(inp, name):
    out = read(inp, name, "out")
    if out is None:
        return "–"
    lines = out.splitlines()
    if name == "wc-w":
        return f"{sum(int(l.split()[0]) for l in lines if not l.endswith(' total')):,} words"
    if name == "factlint-extract":
        return f"{len(lines):,} claims"
    if name == "factlint-check":
        fs = [json.loads(l) for l in lines if l.strip()]
        rules = collections.Counter(f["rule"] for f in fs)
        same = sum(f["rule"] == "style/term" and f["primary"]["text"] in PEER_TERMS for f in fs)
        body = ", ".join(f"{r} {n:,}" for r, n in rules.most_common())
        return f"{len(fs):,} findings: {body}; the peers' two terms: {same:,}"
    if name.startswith("textlint"):
        probs = [l for l in lines if re.search(r"\[(Error|Warning)/", l)]
        lhq = sum("Liên hiệp quốc" in l for l in probs)
        return f"{len(probs):,} problems ({lhq:,} Liên hiệp quốc, {len(probs) - lhq:,} tỉ)"
    if name == "quantulum3":
        m = re.search(r"quantities=(\d+)", out)
        return f"{int(m.group(1)):,} quantities" if m else "–"
    return "–"

def dur(s):
    return f"{s * 1e3:,.1f} ms" if s < 1 else f"{s:,.2f} s"

print(f"load before: {os.environ['LOAD_BEFORE'].strip()}")
print(f"load after:  {os.environ['LOAD_AFTER'].strip()}")
print(f"versions: {os.environ['VERSIONS']}")
print()
titles = {"med": "med.txt", "big": "big.txt",
          "split500": f"big.txt in {os.environ['NSPLIT']} files (split500/)"}
for inp in ("med", "big", "split500"):
    nbytes = size(inp)
    runs = {r["command"]: r for r in json.load(open(os.path.join(res, inp + ".json")))["results"]}
    ext, wc = runs["factlint-extract"]["mean"], runs["wc-w"]["mean"]
    print(f"### {titles[inp]}: {nbytes:,} B")
    print()
    print("| command | wall mean ± sd | runs | CPU user+sys | MB/s | × factlint extract "
          "| × wc -w | peak RSS | found |")
    print("|---|---|---|---|---|---|---|---|---|")
    rows = [(n, r["mean"], dur(r["stddev"]), len(r["times"]), r["user"] + r["system"])
            for n, r in runs.items()]
    if inp == "big" and timefile("big", "quantulum3"):
        _, wall, user, sys_ = timefile("big", "quantulum3")
        rows.append(("quantulum3", wall, "(/usr/bin/time)", 1, user + sys_))
    for name, mean, sd, n, cpu in rows:
        t = timefile(inp, name)
        rss = f"{t[0] / 1024:,.0f} MB" if t else "–"
        sd = sd if sd.startswith("(") else "± " + sd
        print(f"| {name} | {dur(mean)} {sd} | {n} | {dur(cpu)} | {nbytes / 1e6 / mean:,.1f} "
              f"| {mean / ext:,.2f} | {mean / wc:,.1f} | {rss} | {found(inp, name)} |")
    if inp == "big" and not timefile("big", "quantulum3"):
        print("| quantulum3 | skipped (about 90 s; run with --quantulum-big) | | | | | | | |")
    if inp == "split500":
        print("| quantulum3 | not run (its harness reads one file) | | | | | | | |")
    print()

print("### probe.txt: what factlint extract and quantulum3 read")
print()
for line in open(os.path.join(peer, "probe.txt"), encoding="utf-8"):
    print(f"> {line.rstrip()}")
print()
print("| factlint extract: text → value unit (kind) | quantulum3: surface → value unit |")
print("|---|---|")
fl = []
for l in (read("probe", "factlint", "out") or "").splitlines():
    c = json.loads(l)
    v = c["value"]
    v = f"{v:,}" if isinstance(v, int) else f"{v:g}" if isinstance(v, float) else str(v)
    bound = "" if c["bound"] == "exact" else f", {c['bound']}"
    unit = f" {c['unit']}" if c["unit"] else ""
    fl.append(f"`{c['text']}` → {v}{unit} ({c['kind']}{bound})")
qu = []
for l in (read("probe", "quantulum3", "out") or "").splitlines():
    surface, value, unit = l.split("\t")
    qu.append(f"`{surface}` → {value} {unit}")
for i in range(max(len(fl), len(qu))):
    print(f"| {fl[i] if i < len(fl) else ''} | {qu[i] if i < len(qu) else ''} |")
EOF
