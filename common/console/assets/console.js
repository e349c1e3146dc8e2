// The gateway's web console: connect and log in on td and md, send any message of the catalogue
// from a pre-filled template, watch every frame, quotes, account, positions, orders and trades.
import { apply, language, t } from './i18n.js';
import { addBar, showInstrument, waitingFor } from './chart.js';
import { renderAccount, renderOrders, renderPositions, renderQuote, renderTrades } from './tables.js';

const $ = (id) => document.getElementById(id);
const state = {
  catalog: null,
  sockets: { td: null, md: null },
  requestId: 100,
  sentAt: new Map(), // RequestID -> performance.now() of the request
  quotes: new Map(), // InstrumentID -> last DepthMarketData
  orders: new Map(), // FrontID:SessionID:OrderRef -> last Order
  trades: [],
  positions: new Map(), // InstrumentID:PosiDirection -> InvestorPosition
  account: null,
  instruments: new Map(), // InstrumentID -> ExchangeID
  queries: [], // td queries waiting for the one in flight (fronts answer one at a time)
  queryInFlight: null,
  refreshTimer: null,
  barsAskedAt: 0,
};

// ---- frames ----------------------------------------------------------------------------------

function logFrame(direction, service, text) {
  const entry = document.createElement('div');
  let parsed = null;
  try { parsed = JSON.parse(text); } catch { /* shown raw */ }
  const rid = parsed?.RequestID;
  let timing = '';
  if (direction === 'in' && rid !== undefined && state.sentAt.has(rid)) {
    timing = ` +${(performance.now() - state.sentAt.get(rid)).toFixed(1)} ms`;
    if (parsed.IsLast) state.sentAt.delete(rid);
  }
  const failed = parsed?.RspInfo && parsed.RspInfo.ErrorID !== 0;
  entry.className = `frame ${direction}${failed ? ' err' : ''}`;
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = `${new Date().toLocaleTimeString()} ${service} ${parsed?.MsgType ?? ''}${timing}`;
  const pre = document.createElement('pre');
  pre.textContent = parsed ? JSON.stringify(parsed, null, 2) : text;
  entry.append(meta, pre);
  const log = $('log');
  log.prepend(entry);
  while (log.childElementCount > 400) log.lastElementChild.remove();
}

function send(service, message) {
  const ws = state.sockets[service];
  if (!ws || ws.readyState !== WebSocket.OPEN) {
    $('msg-error').textContent = `${service}: not connected`;
    return false;
  }
  if (message.RequestID !== undefined) state.sentAt.set(message.RequestID, performance.now());
  const text = JSON.stringify(message);
  ws.send(text);
  logFrame('out', service, text);
  return true;
}

const nextId = () => ++state.requestId;

// td queries one at a time: a real front refuses a second while one is in flight.
function query(msgType, bodyKey, body = {}) {
  state.queries.push({ MsgType: msgType, [bodyKey]: body });
  pumpQueries();
}

function pumpQueries() {
  if (state.queryInFlight !== null || state.queries.length === 0) return;
  const q = state.queries.shift();
  q.RequestID = nextId();
  state.queryInFlight = q.RequestID;
  if (!send('td', q)) state.queryInFlight = null;
}

// ---- connections -----------------------------------------------------------------------------

function setStatus(service, s, title = '') {
  const el = $(`status-${service}`);
  el.dataset.state = s;
  el.title = title;
}

function withToken(url) {
  const token = $('token').value.trim();
  if (!token) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

function connect(service) {
  const old = state.sockets[service];
  if (old) old.close();
  const ws = new WebSocket(withToken($(`${service}-url`).value.trim()));
  state.sockets[service] = ws;
  setStatus(service, 'wait');
  ws.onopen = () => {
    send(service, {
      MsgType: 'ReqUserLogin',
      RequestID: nextId(),
      ReqUserLogin: { UserID: $('user').value, Password: $('password').value },
    });
  };
  ws.onclose = () => setStatus(service, 'off');
  ws.onerror = () => setStatus(service, 'error', 'connection failed');
  ws.onmessage = (ev) => {
    logFrame('in', service, ev.data);
    let msg;
    try { msg = JSON.parse(ev.data); } catch { return; }
    handle(service, msg);
  };
}

// ---- incoming --------------------------------------------------------------------------------

function handle(service, msg) {
  const ok = !msg.RspInfo || msg.RspInfo.ErrorID === 0;
  if (service === 'td' && msg.RequestID === state.queryInFlight && (msg.IsLast || !ok)) {
    state.queryInFlight = null;
    setTimeout(pumpQueries, 0);
  }
  switch (msg.MsgType) {
    case 'RspUserLogin':
      setStatus(service, ok ? 'on' : 'error', ok ? t('loggedIn') : msg.RspInfo.ErrorMsg);
      if (ok && service === 'td') refreshAll();
      if (ok && service === 'md' && state.quotes.size > 0) {
        send('md', { MsgType: 'SubscribeMarketData', RequestID: nextId(), InstrumentID: [...state.quotes.keys()] });
      }
      break;
    case 'RtnDepthMarketData': {
      const d = msg.DepthMarketData;
      state.quotes.set(d.InstrumentID, d);
      renderQuote(d, selectInstrument);
      // Bars exist once ticks have flowed: ask again (at most every 2 s) until the chart has some.
      if (waitingFor() === d.InstrumentID && performance.now() - state.barsAskedAt > 2000) {
        state.barsAskedAt = performance.now();
        send('md', { MsgType: 'ReqQryKLine', RequestID: nextId(), InstrumentID: d.InstrumentID, Period: '1m' });
      }
      break;
    }
    case 'RtnKLine':
    case 'RspQryKLine':
      addBar(msg.KLine);
      break;
    case 'RspQryDepthMarketData':
      if (msg.DepthMarketData?.InstrumentID) state.quotes.set(msg.DepthMarketData.InstrumentID, msg.DepthMarketData);
      break;
    case 'RspQryInstrument':
      if (msg.Instrument?.InstrumentID) state.instruments.set(msg.Instrument.InstrumentID, msg.Instrument.ExchangeID);
      break;
    case 'RtnOrder':
    case 'RspQryOrder':
      if (msg.Order?.OrderRef !== undefined && msg.Order.InstrumentID) {
        const o = msg.Order;
        state.orders.set(`${o.FrontID}:${o.SessionID}:${o.OrderRef}`, o);
        renderOrders(state.orders, state.catalog.flags, cancelOrder);
      }
      break;
    case 'RtnTrade':
    case 'RspQryTrade':
      if (msg.Trade?.TradeID) {
        state.trades.unshift(msg.Trade);
        renderTrades(state.trades);
        if (msg.MsgType === 'RtnTrade') scheduleRefresh();
      }
      break;
    case 'RspQryInvestorPosition':
      if (msg.InvestorPosition?.InstrumentID) {
        const p = msg.InvestorPosition;
        state.positions.set(`${p.InstrumentID}:${p.PosiDirection}:${p.PositionDate}`, p);
      }
      if (msg.IsLast) renderPositions(state.positions);
      break;
    case 'RspQryTradingAccount':
      if (msg.TradingAccount) renderAccount(msg.TradingAccount);
      break;
    default:
      break;
  }
}

function refreshAll() {
  state.orders.clear();
  state.trades = [];
  query('ReqQryTradingAccount', 'QryTradingAccount');
  query('ReqQryInvestorPosition', 'QryInvestorPosition');
  query('ReqQryOrder', 'QryOrder');
  query('ReqQryTrade', 'QryTrade');
}

function scheduleRefresh() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(() => {
    state.positions.clear();
    query('ReqQryTradingAccount', 'QryTradingAccount');
    query('ReqQryInvestorPosition', 'QryInvestorPosition');
  }, 300);
}

// ---- actions ---------------------------------------------------------------------------------

function cancelOrder(o) {
  send('td', {
    MsgType: 'ReqOrderAction',
    RequestID: nextId(),
    InputOrderAction: {
      ActionFlag: '0', FrontID: o.FrontID, SessionID: o.SessionID, OrderRef: o.OrderRef,
      OrderSysID: o.OrderSysID, ExchangeID: o.ExchangeID, InstrumentID: o.InstrumentID,
    },
  });
}

function selectInstrument(id) {
  $('ticket-instrument').value = id;
  const exchange = state.instruments.get(id) || state.quotes.get(id)?.ExchangeID;
  if (exchange) $('ticket-exchange').value = exchange;
  fillTemplate();
}

function placeOrder() {
  send('td', {
    MsgType: 'ReqOrderInsert',
    RequestID: nextId(),
    InputOrder: {
      InstrumentID: $('ticket-instrument').value.trim(),
      ExchangeID: $('ticket-exchange').value.trim(),
      OrderRef: '',
      OrderPriceType: '2',
      LimitPrice: Number($('ticket-price').value),
      Direction: $('ticket-direction').value,
      CombOffsetFlag: $('ticket-offset').value,
      CombHedgeFlag: '1',
      VolumeTotalOriginal: Number($('ticket-volume').value),
      TimeCondition: '3',
      VolumeCondition: '1',
      MinVolume: 1,
      ContingentCondition: '1',
      ForceCloseReason: '0',
      IsAutoSuspend: 0,
    },
  });
}

// A template for the chosen message: the ready example, with a fresh RequestID and the ticket's
// instrument (and a price inside today's limits for a limit order).
function fillTemplate() {
  const entry = state.catalog.requests[Number($('msg-select').value)];
  if (!entry) return;
  const msg = structuredClone(entry.example ?? { MsgType: entry.msgType, [entry.bodyKey]: {} });
  msg.RequestID = nextId() + 1000;
  const instrument = $('ticket-instrument').value.trim();
  const body = entry.bodyKey ? msg[entry.bodyKey] : null;
  if (body && 'InstrumentID' in body && instrument) {
    body.InstrumentID = instrument;
    if ('ExchangeID' in body) body.ExchangeID = $('ticket-exchange').value.trim();
    const quote = state.quotes.get(instrument);
    if (body.OrderPriceType === '2' && quote) body.LimitPrice = quote.AskPrice1 || quote.LastPrice;
  }
  if (!entry.bodyKey && Array.isArray(msg.InstrumentID) && instrument) msg.InstrumentID = [instrument];
  $('msg-text').value = JSON.stringify(msg, null, 2);
  $('msg-summary').textContent = `${entry.service} · ${entry.msgType} → ${entry.reply} · ${entry.summary}`;
  $('msg-error').textContent = '';
}

function sendTemplate() {
  const entry = state.catalog.requests[Number($('msg-select').value)];
  let msg;
  try {
    msg = JSON.parse($('msg-text').value);
  } catch (e) {
    $('msg-error').textContent = `${t('badJson')}: ${e.message}`;
    return;
  }
  $('msg-error').textContent = '';
  if (send(entry.service, msg)) fillTemplate(); // the next send gets a fresh RequestID
}

// ---- start -----------------------------------------------------------------------------------

function defaultUrl(service) {
  const params = new URLSearchParams(location.search);
  if (params.get(service)) return params.get(service);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  // On a service's own port (the shipped 8080/8081) the other service is on its shipped port;
  // behind a proxy (deploy/nginx) both paths are on this origin.
  const ownPort = location.port === '8080' || location.port === '8081';
  if (state.catalog.service === service || !ownPort) return `${scheme}://${location.host}/${service}/`;
  return `${scheme}://${location.hostname}:${service === 'md' ? 8080 : 8081}/${service}/`;
}

async function start() {
  state.catalog = await (await fetch('/catalog.json')).json();
  $('version').textContent = `${state.catalog.service}_service ${state.catalog.version}`;
  $('td-url').value = defaultUrl('td');
  $('md-url').value = defaultUrl('md');
  const params = new URLSearchParams(location.search);
  if (params.get('token')) $('token').value = params.get('token');
  const select = $('msg-select');
  state.catalog.requests.forEach((r, i) => {
    const option = document.createElement('option');
    option.value = String(i);
    option.textContent = `${r.service} · ${r.msgType}`;
    select.append(option);
  });
  select.value = String(state.catalog.requests.findIndex((r) => r.msgType === 'ReqOrderInsert'));
  select.onchange = fillTemplate;
  fillTemplate();

  $('login-btn').onclick = () => { connect('td'); connect('md'); };
  $('sub-btn').onclick = () => {
    const id = $('sub-instrument').value.trim();
    if (!id) return;
    send('md', { MsgType: 'SubscribeMarketData', RequestID: nextId(), InstrumentID: [id] });
    // The 1-minute chart: today's bars so far, then each bar as it closes.
    showInstrument(id);
    send('md', { MsgType: 'SubscribeKLine', RequestID: nextId(), InstrumentID: [id], Period: '1m' });
    state.barsAskedAt = performance.now();
    send('md', { MsgType: 'ReqQryKLine', RequestID: nextId(), InstrumentID: id, Period: '1m' });
    query('ReqQryInstrument', 'QryInstrument', { InstrumentID: id });
    selectInstrument(id);
  };
  for (const b of document.querySelectorAll('.price-btn')) {
    b.onclick = () => {
      const q = state.quotes.get($('ticket-instrument').value.trim());
      if (q && q[b.dataset.field]) $('ticket-price').value = q[b.dataset.field];
    };
  }
  $('ticket-send').onclick = placeOrder;
  $('send-btn').onclick = sendTemplate;
  $('lang-btn').onclick = () => {
    apply(language() === 'zh' ? 'en' : 'zh');
    $('lang-btn').textContent = language() === 'zh' ? 'English' : '中文';
    renderOrders(state.orders, state.catalog.flags, cancelOrder);
    renderPositions(state.positions);
  };
  apply(params.get('lang') === 'en' ? 'en' : 'zh');
  $('lang-btn').textContent = language() === 'zh' ? 'English' : '中文';
  document.body.dataset.ready = 'true';
}

start();
