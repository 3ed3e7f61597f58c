/**
 * Helpers shared by the benchmark scripts: child processes that answer with one JSON object,
 * percentiles, and the machine description. Nothing here asserts: benchmarks measure and report.
 */
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');

/** `require` of a built module (npm run build first). */
function dist(module) {
  return require(path.join(DIST, module));
}

/**
 * Runs `script` in a fresh Node process (its own heap, so its peak RSS is its own) and resolves
 * with the object it sends back with `process.send`. `env` is added to this process's env: the
 * simulators' certificate must be in NODE_EXTRA_CA_CERTS when the child starts.
 */
function runChild(script, args, env = {}, options = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, script), args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: options.execArgv ?? [],
    });
    let result;
    child.on('message', (m) => {
      if (m && m.type === 'result') result = m.value;
      else if (m && m.type === 'request' && options.onRequest) {
        Promise.resolve(options.onRequest(m.value)).then(
          (value) => child.send({ type: 'reply', id: m.id, value }),
          (e) => child.send({ type: 'reply', id: m.id, error: String(e && e.stack ? e.stack : e) }),
        );
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result !== undefined) resolve(result);
      else
        reject(
          new Error(`${script} ${args.join(' ')} exited (${code ?? signal}) without a result`),
        );
    });
  });
}

/** In a child: ask the parent to do something (e.g. change the simulator) and wait for it. */
let requestSeq = 0;
function askParent(value) {
  const id = ++requestSeq;
  return new Promise((resolve, reject) => {
    const onMessage = (m) => {
      if (!m || m.type !== 'reply' || m.id !== id) return;
      process.off('message', onMessage);
      if (m.error) reject(new Error(m.error));
      else resolve(m.value);
    };
    process.on('message', onMessage);
    process.send({ type: 'request', id, value });
  });
}

/** In a child: send the result and exit once it is flushed. */
function finishChild(value) {
  process.send({ type: 'result', value }, () => process.exit(0));
}

/** Runs `main` in a child, reporting a failure as a result rather than a crash. */
function childMain(main) {
  main().then(finishChild, (e) => {
    finishChild({ error: String(e && e.stack ? e.stack : e) });
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

const round = (x, digits = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? x : Number(x.toFixed(digits));

const mb = (bytes) => round(bytes / 1048576, 1);

/** Peak resident set size of this process so far, in MB (Linux reports maxRSS in KiB). */
function maxRssMb() {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}

/** CPU, cores, memory, OS and Node, read from /proc and `os`. */
function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    cpu = /model name\s*:\s*(.+)/.exec(info)?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux: os.cpus() it is
  }
  let memTotalKb = null;
  try {
    memTotalKb = Number(/MemTotal:\s*(\d+)/.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1]);
  } catch {
    // not Linux
  }
  return {
    cpu,
    cores: os.cpus().length,
    memoryGiB: round((memTotalKb ? memTotalKb * 1024 : os.totalmem()) / 1073741824, 1),
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    node: process.version,
  };
}

module.exports = {
  ROOT,
  DIST,
  dist,
  runChild,
  askParent,
  finishChild,
  childMain,
  percentile,
  round,
  mb,
  maxRssMb,
  machine,
};
