// The official client's side of the signing side-by-side (scripts/bench-signing.sh): how many limit orders per second
// ClobClient.createOrder builds and signs (amounts, EIP-712 V2 struct, ethers secp256k1 signature, random salt).
// The client's per-token caches (tick size, neg-risk, API version) are filled first, as they are after its first order
// in a real session, so no request leaves the process: what is timed is order creation alone, like ours.
// Usage: node sign-rate.mjs [--orders N] [--warmup N]   → one line of JSON on stdout.
import { ClobClient, Side } from "@polymarket/clob-client-v2";
import { Wallet } from "ethers";
import { readFileSync } from "node:fs";

// Hardhat/Anvil account 0: a public test key, never funded anywhere.
const HARDHAT_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
// The token of the shared conformance vectors.
const TOKEN = "71321045679252212594626385532706912750332728571942532289631379312455583992563";

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${name} needs a positive whole number`);
    process.exit(2);
  }
  return value;
}

const orders = option("--orders", 2000);
const warmup = option("--warmup", 200);
// No request is ever sent (the caches below answer everything createOrder asks); the host only has to be valid.
const client = new ClobClient({ host: "http://127.0.0.1:9", chain: 137, signer: new Wallet(HARDHAT_KEY_0) });
client.tickSizes[TOKEN] = "0.01";
client.negRisk[TOKEN] = false;
client.cachedVersion = 2;

let side = Side.BUY;
async function createOne(i) {
  side = side === Side.BUY ? Side.SELL : Side.BUY;
  const price = 0.3 + (i % 40) / 100;
  return client.createOrder({ tokenID: TOKEN, price, size: 100 + (i % 7), side }, { tickSize: "0.01", negRisk: false });
}

for (let i = 0; i < warmup; i++) await createOne(i);
const started = process.hrtime.bigint();
let last;
for (let i = 0; i < orders; i++) last = await createOne(i);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (!last?.signature || !/^0x[0-9a-f]{130}$/.test(last.signature)) {
  console.error(`createOrder returned no signature: ${JSON.stringify(last)}`);
  process.exit(1);
}

// The package's exports map hides package.json from import/require: read it from disk.
const manifest = new URL("./node_modules/@polymarket/clob-client-v2/package.json", import.meta.url);
const version = JSON.parse(readFileSync(manifest, "utf8")).version;
console.log(JSON.stringify({ client: `@polymarket/clob-client-v2@${version}`, runtime: `node ${process.version}`, orders, seconds, orders_per_second: orders / seconds }));
