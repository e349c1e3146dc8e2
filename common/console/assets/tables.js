// The console's tables: quotes, account, positions, orders (with cancel buttons) and trades.
import { t } from './i18n.js';

const cell = (text, className = '') => {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (className) td.className = className;
  return td;
};
const side = (direction) => (direction === '0' ? t('buy') : t('sell'));
const sideClass = (direction) => (direction === '0' ? 'buy' : 'sell');
const offsets = { 0: 'open', 1: 'close', 2: 'close', 3: 'closeToday', 4: 'close' };
const offset = (flag) => t(offsets[String(flag ?? '').charAt(0)] ?? 'open');
const price = (p) => (p === undefined || p === null ? '' : String(p));

export function renderQuote(d, onSelect) {
  const body = document.querySelector('#quotes tbody');
  let row = body.querySelector(`tr[data-instrument="${CSS.escape(d.InstrumentID)}"]`);
  if (!row) {
    row = document.createElement('tr');
    row.dataset.instrument = d.InstrumentID;
    row.onclick = () => onSelect(d.InstrumentID);
    body.append(row);
  }
  row.replaceChildren(
    cell(d.InstrumentID), cell(price(d.LastPrice)), cell(price(d.BidPrice1), 'buy'),
    cell(d.BidVolume1), cell(price(d.AskPrice1), 'sell'), cell(d.AskVolume1), cell(d.Volume),
    cell(d.OpenInterest), cell(`${d.UpdateTime}.${String(d.UpdateMillisec).padStart(3, '0')}`));
}

export function renderAccount(a) {
  const rows = [
    ['balance', a.Balance], ['available', a.Available], ['margin', a.CurrMargin],
    ['closeProfit', a.CloseProfit], ['pnl', a.PositionProfit], ['commission', a.Commission],
  ];
  const body = document.querySelector('#account tbody');
  body.replaceChildren(...rows.map(([key, value]) => {
    const tr = document.createElement('tr');
    tr.dataset.field = key;
    tr.append(cell(t(key)), cell(Number(value).toFixed(2)));
    return tr;
  }));
}

export function renderPositions(positions) {
  const body = document.querySelector('#positions tbody');
  body.replaceChildren(...[...positions.values()].filter((p) => p.Position > 0).map((p) => {
    const tr = document.createElement('tr');
    tr.dataset.instrument = p.InstrumentID;
    const long = p.PosiDirection === '2';
    tr.append(cell(p.InstrumentID), cell(long ? t('long') : t('short'), long ? 'buy' : 'sell'),
      cell(p.Position), cell(p.TodayPosition), cell(Number(p.PositionCost).toFixed(2)),
      cell(Number(p.UseMargin).toFixed(2)), cell(Number(p.PositionProfit).toFixed(2)));
    return tr;
  }));
}

const resting = new Set(['1', '3', 'a', 'b', 'c']);

export function renderOrders(orders, flags, onCancel) {
  const statusText = new Map((flags?.OrderStatus ?? []).map(([v, meaning]) => [v, meaning]));
  const body = document.querySelector('#orders tbody');
  const sorted = [...orders.values()].sort((x, y) => (y.InsertTime || '').localeCompare(x.InsertTime || ''));
  body.replaceChildren(...sorted.map((o) => {
    const tr = document.createElement('tr');
    tr.dataset.orderRef = o.OrderRef;
    tr.dataset.status = o.OrderStatus;
    const action = document.createElement('td');
    if (resting.has(o.OrderStatus)) {
      const b = document.createElement('button');
      b.className = 'cancel-btn';
      b.textContent = t('cancel');
      b.onclick = () => onCancel(o);
      action.append(b);
    }
    tr.append(cell(o.InsertTime), cell(o.InstrumentID), cell(side(o.Direction), sideClass(o.Direction)),
      cell(offset(o.CombOffsetFlag)), cell(price(o.LimitPrice)), cell(o.VolumeTotalOriginal),
      cell(o.VolumeTraded), cell(`${o.OrderStatus} ${statusText.get(o.OrderStatus) ?? ''}`),
      cell(o.StatusMsg), action);
    return tr;
  }));
}

export function renderTrades(trades) {
  const body = document.querySelector('#trades tbody');
  body.replaceChildren(...trades.slice(0, 200).map((x) => {
    const tr = document.createElement('tr');
    tr.dataset.tradeId = x.TradeID;
    tr.append(cell(x.TradeTime), cell(x.InstrumentID), cell(side(x.Direction), sideClass(x.Direction)),
      cell(offset(x.OffsetFlag)), cell(price(x.Price)), cell(x.Volume), cell(x.TradeID));
    return tr;
  }));
}
