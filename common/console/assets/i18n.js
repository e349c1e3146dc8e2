// Labels of the console in Chinese (default) and English; elements carry data-i18n="key".
export const labels = {
  zh: {
    title: 'CTP 网关控制台', connection: '连接', tdUrl: '交易地址', mdUrl: '行情地址', token: '访问令牌',
    user: '用户', password: '密码', login: '连接并登录', quotes: '行情', subscribe: '订阅',
    instrument: '合约', last: '最新', bid: '买一', bidVol: '买量', ask: '卖一', askVol: '卖量',
    volume: '成交量', oi: '持仓量', time: '时间', ticket: '下单', exchange: '交易所', buy: '买',
    sell: '卖', open: '开仓', close: '平仓', closeToday: '平今', price: '价格', upper: '涨停',
    lower: '跌停', qty: '手数', placeOrder: '下单', account: '资金', positions: '持仓',
    direction: '方向', position: '持仓', today: '今仓', cost: '持仓成本', margin: '保证金',
    pnl: '持仓盈亏', orders: '委托', offset: '开平', traded: '成交', status: '状态', message: '信息',
    trades: '成交', tradeId: '成交编号', messages: '消息', send: '发送', frames: '报文',
    cancel: '撤单', balance: '动态权益', available: '可用资金', closeProfit: '平仓盈亏',
    commission: '手续费', long: '多', short: '空', badJson: 'JSON 格式错误', loggedIn: '已登录',
  },
  en: {
    title: 'CTP Gateway Console', connection: 'Connection', tdUrl: 'Trading URL', mdUrl: 'Market data URL',
    token: 'Access token', user: 'User', password: 'Password', login: 'Connect and log in',
    quotes: 'Quotes', subscribe: 'Subscribe', instrument: 'Instrument', last: 'Last', bid: 'Bid',
    bidVol: 'Bid vol', ask: 'Ask', askVol: 'Ask vol', volume: 'Volume', oi: 'Open int.', time: 'Time',
    ticket: 'Order ticket', exchange: 'Exchange', buy: 'Buy', sell: 'Sell', open: 'Open',
    close: 'Close', closeToday: 'Close today', price: 'Price', upper: 'Upper limit',
    lower: 'Lower limit', qty: 'Qty', placeOrder: 'Place order', account: 'Account',
    positions: 'Positions', direction: 'Side', position: 'Position', today: 'Today', cost: 'Cost',
    margin: 'Margin', pnl: 'Position P&L', orders: 'Orders', offset: 'Open/close', traded: 'Traded',
    status: 'Status', message: 'Message', trades: 'Trades', tradeId: 'Trade ID', messages: 'Messages',
    send: 'Send', frames: 'Frames', cancel: 'Cancel', balance: 'Balance', available: 'Available',
    closeProfit: 'Close P&L', commission: 'Commission', long: 'Long', short: 'Short',
    badJson: 'not valid JSON', loggedIn: 'logged in',
  },
};

let current = 'zh';

export function t(key) {
  return labels[current][key] ?? key;
}

export function language() {
  return current;
}

export function apply(lang) {
  current = lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}
