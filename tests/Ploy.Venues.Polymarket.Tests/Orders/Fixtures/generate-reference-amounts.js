// Re-statement of @polymarket/clob-client-v2 1.1.0 rounding helpers (utilities.ts, getOrderRawAmounts.ts,
// getMarketOrderRawAmounts.ts without the later 4-decimal cap) and viem parseUnits, run under real JS doubles.
const decimalPlaces = (num) => { if (Number.isInteger(num)) return 0; const arr = num.toString().split("."); if (arr.length <= 1) return 0; return arr[1].length; };
const roundNormal = (num, d) => decimalPlaces(num) <= d ? num : Math.round((num + Number.EPSILON) * 10 ** d) / 10 ** d;
const roundDown = (num, d) => decimalPlaces(num) <= d ? num : Math.floor(num * 10 ** d) / 10 ** d;
const roundUp = (num, d) => decimalPlaces(num) <= d ? num : Math.ceil(num * 10 ** d) / 10 ** d;
function parseUnits(value, decimals) {
  let [integer, fraction = '0'] = value.split('.');
  const negative = integer.startsWith('-'); if (negative) integer = integer.slice(1);
  fraction = fraction.replace(/(0+)$/, '');
  if (fraction.length > decimals) {
    const [left, unit, right] = [fraction.slice(0, decimals - 1), fraction.slice(decimals - 1, decimals), fraction.slice(decimals)];
    const rounded = Math.round(Number(`${unit}.${right}`));
    if (rounded > 9) fraction = `${BigInt(left) + BigInt(1)}0`.padStart(left.length + 1, '0'); else fraction = `${left}${rounded}`;
    if (fraction.length > decimals) { fraction = fraction.slice(1); integer = `${BigInt(integer) + 1n}`; }
    fraction = fraction.slice(0, decimals);
  } else fraction = fraction.padEnd(decimals, '0');
  return BigInt(`${negative ? '-' : ''}${integer}${fraction}`);
}
const RC = { "0.1": [1,2,3], "0.01": [2,2,4], "0.005": [3,2,5], "0.0025": [4,2,6], "0.001": [3,2,5], "0.0001": [4,2,6] };
function fix(v, a) { if (decimalPlaces(v) > a) { v = roundUp(v, a + 4); if (decimalPlaces(v) > a) v = roundDown(v, a); } return v; }
function limit(side, size, price, rc) { const p = roundNormal(price, rc[0]); if (side === 'BUY') { const t = roundDown(size, rc[1]); return [fix(t * p, rc[2]), t, p]; } const m = roundDown(size, rc[1]); return [m, fix(m * p, rc[2]), p]; }
function market(side, amount, price, rc) { const p = roundDown(price, rc[0]); const m = roundDown(amount, rc[1]); return [m, fix(side === 'BUY' ? m / p : m * p, rc[2]), p]; }
// Seeded LCG so the fixture regenerates byte-for-byte.
let seed = 20261122; const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const ticks = Object.keys(RC); const out = [];
const pushCase = (kind, side, tick, price, q) => {
  const rc = RC[tick]; const [m, t, p] = kind === 'limit' ? limit(side, q, price, rc) : market(side, q, price, rc);
  out.push({ kind, side, tick, price, quantity: q, rounded_price: p, maker_amount: parseUnits(m.toString(), 6).toString(), taker_amount: parseUnits(t.toString(), 6).toString() });
};
for (let i = 0; i < 400; i++) {
  const tick = ticks[Math.floor(rnd() * ticks.length)]; const tv = parseFloat(tick); const pd = RC[tick][0];
  const steps = 1 + Math.floor(rnd() * (Math.round(1 / tv) - 1)); const price = parseFloat((steps * tv).toFixed(pd));
  const mag = [100, 10000, 1000000, 10000000][Math.floor(rnd() * 4)];
  const q = parseFloat((rnd() * mag).toFixed(Math.floor(rnd() * 4)));
  if (q <= 0) continue;
  pushCase(rnd() < 0.5 ? 'limit' : 'market', rnd() < 0.5 ? 'BUY' : 'SELL', tick, price, q);
}
// Documented divergent inputs (protocol reference §5.6, §10.5).
pushCase('market', 'BUY', '0.0025', 0.26, 196787.11);
for (const a of [5500.01, 7777.77, 9999.99]) { pushCase('market', 'BUY', '0.001', 0.001, a); pushCase('market', 'BUY', '0.0001', 0.0001, a); }
process.stdout.write(JSON.stringify({ generator: "generate-reference-amounts.js: clob-client-v2 1.1.0 rounding restated under node " + process.version, cases: out }, null, 1) + "\n");
