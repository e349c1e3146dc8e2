#!/usr/bin/env python3
"""A first hour with the gateway, in Python (asyncio + the `websockets` package, Debian's
python3-websockets): market data, an order that fills, an order that rests and is cancelled,
and a reconnect. Works against the embedded simulator with the shipped configs:

    scripts/run.sh &                     # md on 8080, td on 8081
    python3 examples/python/quickstart.py

Exits 0 when every step worked, 1 with the failing step otherwise.
"""
import argparse
import asyncio
import json
import sys

import websockets


class Session:
    """One WebSocket connection: send a request, read messages until a condition holds."""

    def __init__(self, ws):
        self.ws = ws
        self.next_id = 100
        self.last_seq = 0  # the newest push processed ("SeqNo": numbered per trading session)

    async def send(self, msg_type, body_key=None, body=None, request_id=None, **extra):
        msg = {"MsgType": msg_type, **extra}
        if body_key is not None:
            msg[body_key] = body if body is not None else {}
        if request_id is not None:
            msg["RequestID"] = request_id
        await self.ws.send(json.dumps(msg))

    async def until(self, done, timeout=10):
        seen = []
        async with asyncio.timeout(timeout) if hasattr(asyncio, "timeout") else _Deadline(timeout):
            while True:
                msg = json.loads(await self.ws.recv())
                self.last_seq = max(self.last_seq, msg.get("SeqNo", 0))
                seen.append(msg)
                if done(msg):
                    return seen

    async def request(self, msg_type, body_key, body=None):
        """A td request: returns its replies up to the one with IsLast."""
        self.next_id += 1
        rid = self.next_id
        await self.send(msg_type, body_key, body, rid)
        return await self.until(lambda m: m.get("RequestID") == rid and m.get("IsLast"))


class _Deadline:
    """asyncio.timeout() for Python < 3.11."""

    def __init__(self, seconds):
        self.seconds = seconds

    async def __aenter__(self):
        self.task = asyncio.current_task()
        self.handle = asyncio.get_running_loop().call_later(self.seconds, self.task.cancel)

    async def __aexit__(self, *exc):
        self.handle.cancel()
        return False


def error_id(msg):
    info = msg.get("RspInfo")
    return info["ErrorID"] if info else 0


async def market_data(url, instrument, ticks):
    async with websockets.connect(url) as ws:
        md = Session(ws)
        await md.send("ReqUserLogin", "ReqUserLogin", {"UserID": "", "Password": ""})
        login = (await md.until(lambda m: m["MsgType"] == "RspUserLogin"))[-1]
        assert error_id(login) == 0, login
        await md.send("SubscribeMarketData", InstrumentID=[instrument])
        got = 0
        while got < ticks:
            msg = (await md.until(lambda m: m["MsgType"] == "RtnDepthMarketData"))[-1]
            tick = msg["DepthMarketData"]
            print(f"tick {tick['InstrumentID']} {tick['UpdateTime']} last {tick['LastPrice']} "
                  f"bid {tick['BidPrice1']} ask {tick['AskPrice1']}")
            got += 1


async def login_td(url, user, password, resume_after=None):
    ws = await websockets.connect(url)
    td = Session(ws)
    extra = {} if resume_after is None else {"ResumeAfterSeqNo": resume_after}
    await td.send("ReqUserLogin", "ReqUserLogin", {"UserID": user, "Password": password}, 1,
                  **extra)
    rsp = (await td.until(lambda m: m["MsgType"] == "RspUserLogin"))[-1]
    assert error_id(rsp) == 0, rsp
    return td, rsp["RspUserLogin"]


def order(instrument, exchange, price_type, price, direction, time_condition, ref):
    return {"InstrumentID": instrument, "ExchangeID": exchange, "OrderPriceType": price_type,
            "LimitPrice": price, "Direction": direction, "CombOffsetFlag": "0",
            "CombHedgeFlag": "1", "VolumeTotalOriginal": 1, "TimeCondition": time_condition,
            "VolumeCondition": "1", "ContingentCondition": "1", "ForceCloseReason": "0",
            "OrderRef": ref}


async def trading(url, user, password):
    td, session = await login_td(url, user, password)
    print(f"logged in: FrontID {session['FrontID']} SessionID {session['SessionID']}")
    depth = (await td.request("ReqQryDepthMarketData", "QryDepthMarketData",
                              {"InstrumentID": "m2705"}))[-1]["DepthMarketData"]
    # A market order on DCE fills at once at the best ask (SHFE/INE take no market orders).
    await td.send("ReqOrderInsert", "InputOrder",
                  order("m2705", "DCE", "1", 0, "0", "1", ""), 2)
    trade = (await td.until(lambda m: m["MsgType"] in ("RtnTrade", "ErrRtnOrderInsert")))[-1]
    assert trade["MsgType"] == "RtnTrade", trade
    print(f"filled: {trade['Trade']['Volume']} m2705 at {trade['Trade']['Price']}")
    # A limit order at the lower limit rests; cancel it by (FrontID, SessionID, OrderRef).
    ref = str(int(session["MaxOrderRef"] or "0") + 100)
    await td.send("ReqOrderInsert", "InputOrder",
                  order("m2705", "DCE", "2", depth["LowerLimitPrice"], "0", "3", ref), 3)
    await td.until(lambda m: m["MsgType"] == "RtnOrder" and m["Order"]["OrderStatus"] == "3")
    await td.send("ReqOrderAction", "InputOrderAction",
                  {"ActionFlag": "0", "FrontID": session["FrontID"],
                   "SessionID": session["SessionID"], "OrderRef": ref,
                   "InstrumentID": "m2705", "ExchangeID": "DCE"}, 4)
    cancelled = (await td.until(
        lambda m: m["MsgType"] == "RtnOrder" and m["Order"]["OrderStatus"] == "5"))[-1]
    print(f"cancelled: OrderSysID {cancelled['Order']['OrderSysID'].strip()}")
    positions = await td.request("ReqQryInvestorPosition", "QryInvestorPosition")
    for p in positions:
        if p.get("InvestorPosition"):
            pos = p["InvestorPosition"]
            print(f"position {pos['InstrumentID']} {pos['PosiDirection']} {pos['Position']}")
    # The trading session outlives the socket: drop this one, trade on another socket of the
    # same user, then reconnect naming the last push processed: what was missed is replayed.
    processed = td.last_seq
    await td.ws.close()
    other, _ = await login_td(url, user, password)
    await other.send("ReqOrderInsert", "InputOrder", order("m2705", "DCE", "1", 0, "0", "1", ""), 5)
    await other.until(lambda m: m["MsgType"] == "RtnTrade")
    await other.ws.close()
    td, _ = await login_td(url, user, password, resume_after=processed)
    replayed = await td.until(lambda m: m["MsgType"] == "RtnTrade")
    resume = next(m for m in replayed if m["MsgType"] == "RspResume")
    assert error_id(resume) == 0, resume
    pushes = [m["SeqNo"] for m in replayed if "SeqNo" in m]
    assert pushes == list(range(processed + 1, processed + 1 + len(pushes))), pushes
    print(f"after reconnecting: {len(pushes)} missed pushes replayed (SeqNo {pushes[0]}-{pushes[-1]})")
    orders = await td.request("ReqQryOrder", "QryOrder")
    print(f"{sum(1 for o in orders if o.get('Order'))} orders today")
    await td.ws.close()


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--md", default="ws://127.0.0.1:8080/md/")
    parser.add_argument("--td", default="ws://127.0.0.1:8081/td/")
    parser.add_argument("--user", default="000001")
    parser.add_argument("--password", default="quickstart-1")
    parser.add_argument("--ticks", type=int, default=3)
    args = parser.parse_args()
    await market_data(args.md, "rb2705", args.ticks)
    await trading(args.td, args.user, args.password)
    print("quickstart: every step worked")


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except Exception as e:  # report which step failed, with what the gateway said
        print(f"quickstart failed: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
