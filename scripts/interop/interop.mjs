// Drives the official Polymarket CLOB V2 TypeScript client against `ploy venue` (127.0.0.1 only).
// Usage: node interop.mjs http://127.0.0.1:PORT
// Each step prints one line; any failure prints FAIL and exits non-zero.
import { ClobClient, Side, OrderType } from "@polymarket/clob-client-v2";
import { Wallet } from "ethers";

// Hardhat/Anvil account 0: a public test key, never funded anywhere.
const HARDHAT_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const host = process.argv[2];
if (!host || !/^http:\/\/127\.0\.0\.1:\d+\/?$/.test(host)) {
  console.error("usage: node interop.mjs http://127.0.0.1:PORT");
  process.exit(2);
}

let step = 0;
async function check(name, fn) {
  step += 1;
  try {
    const detail = await fn();
    console.log(`ok   ${step}. ${name}${detail ? ` — ${detail}` : ""}`);
  } catch (err) {
    console.log(`FAIL ${step}. ${name} — ${err?.message ?? err}`);
    process.exit(1);
  }
}

function ensure(condition, message) {
  if (!condition) throw new Error(message);
}

const wallet = new Wallet(HARDHAT_KEY_0);
const chain = 137;
let client = new ClobClient({ host, chain, signer: wallet, throwOnError: true });
let creds;
let tokenId;
let book;
let orderId;

await check("GET /ok", async () => {
  const ok = await client.getOk();
  ensure(ok === "OK", `expected "OK", got ${JSON.stringify(ok)}`);
});

await check("GET /version", async () => {
  const version = await client.getVersion();
  ensure(version === 2, `expected 2, got ${version}`);
  return `version ${version}`;
});

await check("createOrDeriveApiKey (L1 ClobAuth)", async () => {
  creds = await client.createOrDeriveApiKey();
  ensure(creds?.key && creds?.secret && creds?.passphrase, `no credentials: ${JSON.stringify(creds)}`);
  const derived = await client.deriveApiKey();
  ensure(derived.key === creds.key, "derive returned a different key than create");
  client = new ClobClient({ host, chain, signer: wallet, creds, throwOnError: true });
  return `key ${creds.key}`;
});

await check("GET /markets → an active market", async () => {
  const page = await client.getMarkets();
  const market = page.data.find((m) => m.active && !m.closed && m.accepting_orders);
  ensure(market, "no active market");
  tokenId = market.tokens[0].token_id;
  return `${market.condition_id.slice(0, 10)}… token ${tokenId.slice(0, 12)}…`;
});

await check("getOrderBook + book hash", async () => {
  book = await client.getOrderBook(tokenId);
  ensure(book.asset_id === tokenId, "book for another token");
  const served = book.hash;
  const computed = await client.getOrderBookHash({ ...book });
  ensure(served === computed, `hash mismatch: served ${served}, client computed ${computed}`);
  return `${book.bids.length} bids, ${book.asks.length} asks, tick ${book.tick_size}, hash ${served.slice(0, 12)}…`;
});

await check("createAndPostOrder (GTC BUY, resting)", async () => {
  const tick = Number(book.tick_size);
  const bestBid = book.bids.length > 0 ? Number(book.bids[book.bids.length - 1].price) : 0.2;
  // Well below the best bid (and on the grid): it rests instead of matching.
  const price = Math.max(tick, Math.round((bestBid - 10 * tick) / tick) * tick);
  const response = await client.createAndPostOrder(
    { tokenID: tokenId, price: Number(price.toFixed(4)), size: 10, side: Side.BUY },
    { tickSize: book.tick_size, negRisk: false },
    OrderType.GTC,
  );
  ensure(response.success === true, `not accepted: ${JSON.stringify(response)}`);
  ensure(response.status === "live", `expected live, got ${response.status}`);
  orderId = response.orderID;
  return `order ${orderId.slice(0, 12)}… at ${price.toFixed(4)} is ${response.status}`;
});

await check("getOpenOrders shows the order", async () => {
  const open = await client.getOpenOrders({ asset_id: tokenId });
  const mine = open.find((o) => o.id === orderId);
  ensure(mine, `order not in open orders (${open.length} open)`);
  ensure(mine.status === "LIVE" && mine.original_size === "10", `unexpected order: ${JSON.stringify(mine)}`);
  const byId = await client.getOrder(orderId);
  ensure(byId.id === orderId, "getOrder returned another order");
  return `${open.length} open`;
});

await check("cancelOrder", async () => {
  const response = await client.cancelOrder({ orderID: orderId });
  ensure(Array.isArray(response.canceled) && response.canceled.includes(orderId), `not cancelled: ${JSON.stringify(response)}`);
  const open = await client.getOpenOrders({ asset_id: tokenId });
  ensure(!open.some((o) => o.id === orderId), "order still open after cancel");
});

await check("createAndPostMarketOrder (FOK BUY $5, matches)", async () => {
  const response = await client.createAndPostMarketOrder(
    { tokenID: tokenId, amount: 5, side: Side.BUY, orderType: OrderType.FOK },
    undefined,
    OrderType.FOK,
  );
  ensure(response.success === true && response.status === "matched", `not matched: ${JSON.stringify(response)}`);
  const trades = await client.getTrades({ asset_id: tokenId });
  ensure(trades.some((t) => t.taker_order_id === response.orderID), "the fill is not in /data/trades");
  return `spent ${response.makingAmount} for ${response.takingAmount} shares`;
});

await check("postHeartbeat", async () => {
  const first = await client.postHeartbeat();
  ensure(first.heartbeat_id, `no heartbeat id: ${JSON.stringify(first)}`);
  const second = await client.postHeartbeat(first.heartbeat_id);
  ensure(second.heartbeat_id && second.heartbeat_id !== first.heartbeat_id, "heartbeat chain did not advance");
});

console.log(`interop: all ${step} steps passed`);
