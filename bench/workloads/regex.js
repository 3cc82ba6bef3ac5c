// Regex-heavy log analysis: parse a synthetic web-server access log with a capturing line regex,
// global token matches, replace-with-callback and regex splits, aggregating statistics.
export const meta = { name: 'regex', kind: 'kernel', description: 'access-log parsing: capture groups, global match, replace callbacks, regex split' };

// Small deterministic PRNG (a 32-bit LCG), returning floats in [0, 1).
function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'HEAD'];
const STATUSES = [200, 200, 200, 200, 200, 201, 204, 301, 302, 304, 400, 401, 403, 404, 404, 500, 503];
const USERS = ['-', '-', '-', 'alice', 'bob', 'carol', 'dave', 'erin'];
const SECTIONS = ['products', 'users', 'orders', 'api/v1/items', 'api/v2/search', 'static/img', 'blog', 'cart'];
const PARAMS = ['ref', 'page', 'q', 'sort', 'lang', 'utm_source', 'limit'];
const WORDS = ['red', 'shoes', 'coffee', 'lamp', 'desk', 'garden', 'phone', 'book', 'tea', 'chair'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64; rv:118.0) Gecko/20100101 Firefox/118.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/117.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 13_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Safari/605.1.15',
  'curl/8.2.1',
  'Googlebot/2.1 (+http://www.google.com/bot.html)',
  'python-requests/2.31.0',
];
const REFERRERS = ['-', 'https://example.com/', 'https://search.example.org/?q=shop', 'https://blog.example.net/post/42'];

function generateLog(lines, seed) {
  const rand = lcg(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const pad = (n) => String(n).padStart(2, '0');
  const out = [];
  let time = Date.UTC(2023, 9, 1, 0, 0, 0);
  for (let i = 0; i < lines; i++) {
    time += Math.floor(rand() * 4000);
    const d = new Date(time);
    const stamp = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
    const ip = `${10 + Math.floor(rand() * 200)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}`;
    let path = `/${pick(SECTIONS)}`;
    if (rand() < 0.7) path += `/${Math.floor(rand() * 5000)}`;
    if (rand() < 0.3) path += `/${pick(WORDS)}`;
    if (rand() < 0.5) {
      const n = 1 + Math.floor(rand() * 3);
      const params = [];
      for (let k = 0; k < n; k++) params.push(`${pick(PARAMS)}=${rand() < 0.5 ? pick(WORDS) : Math.floor(rand() * 100)}`);
      path += `?${params.join('&')}`;
    }
    const status = pick(STATUSES);
    const bytes = status === 204 || status === 304 ? '-' : String(Math.floor(rand() * 50000));
    out.push(`${ip} - ${pick(USERS)} [${stamp}] "${pick(METHODS)} ${path} HTTP/1.${rand() < 0.8 ? 1 : 0}" ${status} ${bytes} "${pick(REFERRERS)}" "${pick(AGENTS)}"`);
  }
  return out.join('\n');
}

const LINE = /^(?<ip>\d{1,3}(?:\.\d{1,3}){3}) \S+ (?<user>\S+) \[(?<day>\d{2})\/(?<month>\w{3})\/(?<year>\d{4}):(?<hour>\d{2}):\d{2}:\d{2} [+-]\d{4}\] "(?<method>[A-Z]+) (?<target>[^ "]+) HTTP\/(?<version>\d\.\d)" (?<status>\d{3}) (?<size>\d+|-) "(?<referrer>[^"]*)" "(?<agent>[^"]*)"$/;
const QUERY_PARAM = /([\w]+)=([^&]*)/g;
const NUMERIC_SEGMENT = /\/(\d+)(?=\/|$)/g;
const AGENT_SPLIT = /[\s/();,]+/;
const BOT = /bot|crawl|spider|curl|python/i;

function bump(map, key, by = 1) {
  map.set(key, (map.get(key) ?? 0) + by);
}

function topEntry(map) {
  let best = null;
  for (const [key, value] of map) {
    if (!best || value > best[1] || (value === best[1] && key < best[0])) best = [key, value];
  }
  return best;
}

export function setup(size) {
  return { log: generateLog(size === 'smoke' ? 3000 : 120000, 20231001) };
}

export function run({ log }) {
  const statusCounts = new Map();
  const routes = new Map();
  const params = new Map();
  const agentTokens = new Map();
  const hours = new Array(24).fill(0);
  const users = new Set();
  let bytes = 0;
  let bots = 0;
  let malformed = 0;
  let idSum = 0;

  for (const line of log.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (!m) {
      malformed++;
      continue;
    }
    const { user, hour, method, target, status, size, agent } = m.groups;
    bump(statusCounts, status);
    hours[Number(hour)]++;
    if (user !== '-') users.add(user);
    if (size !== '-') bytes += Number(size);

    const [path, query = ''] = target.split('?');
    for (const [, name, value] of query.matchAll(QUERY_PARAM)) bump(params, `${name}=${/^\d+$/.test(value) ? '#' : value}`);

    // Collapse numeric ids so routes group together, keeping a checksum of the ids removed.
    const route = path.replace(NUMERIC_SEGMENT, (_, id) => {
      idSum = (idSum + Number(id)) % 1000000007;
      return '/:id';
    });
    bump(routes, `${method} ${route}`);

    if (BOT.test(agent)) bots++;
    for (const token of agent.split(AGENT_SPLIT)) {
      if (/^[A-Za-z]{3,}$/.test(token)) bump(agentTokens, token.toLowerCase());
    }
  }

  const statuses = [...statusCounts].sort(([a], [b]) => a.localeCompare(b)).map(([s, c]) => `${s}=${c}`).join(',');
  const [topRoute, topRouteCount] = topEntry(routes);
  const [topParam, topParamCount] = topEntry(params);
  const [topToken, topTokenCount] = topEntry(agentTokens);
  const peakHour = hours.indexOf(Math.max(...hours));
  return [
    statuses,
    `bytes=${bytes}`,
    `routes=${routes.size} top=${topRoute}:${topRouteCount}`,
    `param=${topParam}:${topParamCount}`,
    `agent=${topToken}:${topTokenCount} bots=${bots}`,
    `users=${users.size} peak=${peakHour} ids=${idSum} bad=${malformed}`,
  ].join(' | ');
}
