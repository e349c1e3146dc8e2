#!/usr/bin/env node
// A first hour with the gateway, in JavaScript (Node.js with the `ws` package: Debian's node-ws,
// or `npm install ws`): market data, an order that fills, an order that rests and is cancelled,
// and a reconnect. Against the embedded simulator with the shipped configs:
//
//   scripts/run.sh &
//   NODE_PATH=/usr/share/nodejs node examples/js/quickstart.js
//
// Exits 0 when every step worked, 1 with the failing step otherwise.
'use strict';
const WebSocket = require('ws');

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const MD = arg('md', 'ws://127.0.0.1:8080/md/');
const TD = arg('td', 'ws://127.0.0.1:8081/td/');
const USER = arg('user', '000002');
const PASSWORD = arg('password', 'quickstart-2');

/** One connection: send requests, wait for the message that satisfies a condition. */
class Session {
  static open(url) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve(new Session(ws)));
      ws.once('error', reject);
    });
  }
  constructor(ws) {
    this.ws = ws;
    this.queue = [];
    this.waiters = [];
    this.nextId = 100;
    this.lastSeq = 0; // the newest push processed ("SeqNo": numbered per trading session)
    ws.on('message', (data) => {
      this.queue.push(JSON.parse(data.toString()));
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }
  send(msg) { this.ws.send(JSON.stringify(msg)); }
  async until(done, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.queue.length > 0) {
        const msg = this.queue.shift();
        if (msg.SeqNo) this.lastSeq = Math.max(this.lastSeq, msg.SeqNo);
        if (done(msg)) return msg;
      }
      if (Date.now() > deadline) throw new Error('no answer in time');
      await new Promise((wake) => { this.waiters.push(wake); setTimeout(wake, 200); });
    }
  }
  async request(msgType, bodyKey, body = {}) {
    const id = ++this.nextId;
    this.send({ MsgType: msgType, [bodyKey]: body, RequestID: id });
    const replies = [];
    await this.until((m) => { replies.push(m); return m.RequestID === id && m.IsLast; });
    return replies.filter((m) => m.RequestID === id);
  }
  close() { this.ws.close(); }
}

const errorId = (m) => (m.RspInfo ? m.RspInfo.ErrorID : 0);
const order = (priceType, price, timeCondition, ref) => ({
  InstrumentID: 'm2705', ExchangeID: 'DCE', OrderPriceType: priceType, LimitPrice: price,
  Direction: '0', CombOffsetFlag: '0', CombHedgeFlag: '1', VolumeTotalOriginal: 1,
  TimeCondition: timeCondition, VolumeCondition: '1', ContingentCondition: '1',
  ForceCloseReason: '0', OrderRef: ref,
});

async function loginTd(resumeAfter) {
  const td = await Session.open(TD);
  const login = { MsgType: 'ReqUserLogin', ReqUserLogin: { UserID: USER, Password: PASSWORD }, RequestID: 1 };
  if (resumeAfter !== undefined) login.ResumeAfterSeqNo = resumeAfter;
  td.send(login);
  const rsp = await td.until((m) => m.MsgType === 'RspUserLogin');
  if (errorId(rsp) !== 0) throw new Error(`login: ${JSON.stringify(rsp.RspInfo)}`);
  return [td, rsp.RspUserLogin];
}

async function main() {
  const md = await Session.open(MD);
  md.send({ MsgType: 'ReqUserLogin', ReqUserLogin: { UserID: '', Password: '' } });
  await md.until((m) => m.MsgType === 'RspUserLogin');
  md.send({ MsgType: 'SubscribeMarketData', InstrumentID: ['rb2705'] });
  for (let i = 0; i < 3; ++i) {
    const t = (await md.until((m) => m.MsgType === 'RtnDepthMarketData')).DepthMarketData;
    console.log(`tick ${t.InstrumentID} ${t.UpdateTime} last ${t.LastPrice} bid ${t.BidPrice1} ask ${t.AskPrice1}`);
  }
  md.close();

  let [td, session] = await loginTd();
  const depth = (await td.request('ReqQryDepthMarketData', 'QryDepthMarketData',
    { InstrumentID: 'm2705' })).pop().DepthMarketData;
  td.send({ MsgType: 'ReqOrderInsert', InputOrder: order('1', 0, '1', ''), RequestID: 2 });
  const trade = await td.until((m) => m.MsgType === 'RtnTrade' || m.MsgType === 'ErrRtnOrderInsert');
  if (trade.MsgType !== 'RtnTrade') throw new Error(`order: ${JSON.stringify(trade)}`);
  console.log(`filled: ${trade.Trade.Volume} m2705 at ${trade.Trade.Price}`);
  const ref = String(Number(session.MaxOrderRef || '0') + 100);
  td.send({ MsgType: 'ReqOrderInsert', InputOrder: order('2', depth.LowerLimitPrice, '3', ref), RequestID: 3 });
  await td.until((m) => m.MsgType === 'RtnOrder' && m.Order.OrderStatus === '3');
  td.send({
    MsgType: 'ReqOrderAction', RequestID: 4,
    InputOrderAction: { ActionFlag: '0', FrontID: session.FrontID, SessionID: session.SessionID,
      OrderRef: ref, InstrumentID: 'm2705', ExchangeID: 'DCE' },
  });
  const cancelled = await td.until((m) => m.MsgType === 'RtnOrder' && m.Order.OrderStatus === '5');
  console.log(`cancelled: OrderSysID ${cancelled.Order.OrderSysID.trim()}`);
  // The trading session outlives the socket: drop this one, trade on another socket of the same
  // user, then reconnect naming the last push processed: what was missed is replayed.
  const processed = td.lastSeq;
  td.close();
  const [other] = await loginTd();
  other.send({ MsgType: 'ReqOrderInsert', InputOrder: order('1', 0, '1', ''), RequestID: 5 });
  await other.until((m) => m.MsgType === 'RtnTrade');
  other.close();
  [td, session] = await loginTd(processed);
  const replayed = [];
  await td.until((m) => { replayed.push(m); return m.MsgType === 'RtnTrade'; });
  const resume = replayed.find((m) => m.MsgType === 'RspResume');
  if (!resume || errorId(resume) !== 0) throw new Error(`resume: ${JSON.stringify(resume)}`);
  const seqs = replayed.filter((m) => m.SeqNo).map((m) => m.SeqNo);
  if (seqs[0] !== processed + 1 || seqs.some((s, i) => s !== processed + 1 + i)) {
    throw new Error(`replay has a gap: ${seqs}`);
  }
  console.log(`after reconnecting: ${seqs.length} missed pushes replayed (SeqNo ${seqs[0]}-${seqs[seqs.length - 1]})`);
  const orders = (await td.request('ReqQryOrder', 'QryOrder')).filter((m) => m.Order);
  console.log(`${orders.length} orders today`);
  td.close();
  console.log('quickstart: every step worked');
}

main().then(() => process.exit(0), (e) => {
  console.error(`quickstart failed: ${e.message}`);
  process.exit(1);
});
