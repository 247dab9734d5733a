#!/usr/bin/env python3
"""A kspec stdio adapter in Python (standard library only) around a deliberately small toy broker.

It shows the protocol of spec/ADAPTERS.md end to end: read one JSON request per line on stdin,
answer one JSON response per line on stdout, log only to stderr. The toy is one broker with
in-memory partitions and a simplified group coordinator: joins complete at once (no join phase),
so a checker will report where it departs from Kafka. That is the point of the example.

Run: kspec validate --adapter 'stdio:python3 examples/python-toy-adapter/adapter.py'
"""
import json
import sys

CONTRACT_VERSION = 1
SUPPORTED = [
    "create-topic", "partition-change", "produce", "fetch", "join", "sync", "heartbeat",
    "leave", "commit", "offset-fetch", "advance-time",
]


class ToyBroker:
    def __init__(self, config):
        self.config = config
        self.now = 0
        self.topics = {}  # topic -> list of partitions, each a list of values
        self.groups = {}  # group -> {generation, members: {client: {member_id, topics, deadline}}, leader, plan}
        self.offsets = {}  # (group, topic, partition) -> offset
        self.member_ids = {}  # client -> member id issued
        self.issued = 0

    # ---- cluster and data ----
    def create_topic(self, event, seq):
        error = "TOPIC_ALREADY_EXISTS" if event["topic"] in self.topics else "NONE"
        if error == "NONE":
            self.topics[event["topic"]] = [[] for _ in range(event["partitions"])]
        return [{"type": "admin-response", "request": seq, "op": "create-topic", "topic": event["topic"], "error": error}]

    def partition_change(self, event, seq):
        partitions = self.topics.get(event["topic"])
        if partitions is None:
            error = "UNKNOWN_TOPIC_OR_PARTITION"
        elif event["partitions"] <= len(partitions):
            error = "INVALID_PARTITIONS"
        elif event.get("validateOnly"):
            error = "NONE"  # answered as a real request, nothing added
        else:
            partitions.extend([] for _ in range(event["partitions"] - len(partitions)))
            error = "NONE"
        return [{"type": "admin-response", "request": seq, "op": "partition-change", "topic": event["topic"], "error": error}]

    def log(self, topic, partition):
        partitions = self.topics.get(topic)
        if partitions is None or partition >= len(partitions):
            return None
        return partitions[partition]

    def produce(self, event, seq):
        log = self.log(event["topic"], event["partition"])
        base = -1
        if event["acks"] not in (-1, 0, 1):
            error = "INVALID_REQUIRED_ACKS"
        elif log is None:
            error = "UNKNOWN_TOPIC_OR_PARTITION"
        else:
            base = len(log)
            log.extend(event["values"])
            error = "NONE"
        if event["acks"] == 0:
            return []
        return [{"type": "produce-response", "request": seq, "producer": event["producer"], "topic": event["topic"],
                 "partition": event["partition"], "acks": event["acks"], "error": error, "baseOffset": base,
                 "values": event["values"]}]

    def fetch(self, event, seq):
        log = self.log(event["topic"], event["partition"])
        records, error, end = [], "NONE", -1
        if log is None:
            error = "UNKNOWN_TOPIC_OR_PARTITION"
        elif event["offset"] < 0 or event["offset"] > len(log):
            error, end = "OFFSET_OUT_OF_RANGE", len(log)
        else:
            end = len(log)
            stop = min(end, event["offset"] + event.get("maxRecords", 500))
            records = [{"offset": o, "value": log[o]} for o in range(event["offset"], stop)]
        return [{"type": "fetch-response", "request": seq, "client": event["client"], "topic": event["topic"],
                 "partition": event["partition"], "error": error, "highWatermark": end,
                 "logStartOffset": 0 if log is not None else -1, "records": records}]

    # ---- groups (simplified: every join completes at once) ----
    def member_id(self, client, ref):
        if ref == "own":
            return self.member_ids.get(client, "")
        return "" if ref == "none" else "bogus-member"

    def join(self, event, seq):
        group = self.groups.setdefault(event["group"], {"generation": 0, "members": {}, "leader": None, "plan": {}})
        member_id = self.member_id(event["client"], event["member"])
        if event["group"] == "":
            error = "INVALID_GROUP_ID"
        elif member_id and member_id not in [m["member_id"] for m in group["members"].values()]:
            error = "UNKNOWN_MEMBER_ID"
        else:
            error = "NONE"
        if error != "NONE":
            return [self.join_response(event, seq, error, member_id, group, False)]
        if not member_id:
            self.issued += 1
            member_id = "%s-%d" % (event["client"], self.issued)
            self.member_ids[event["client"]] = member_id
        group["members"][event["client"]] = {"member_id": member_id, "topics": event["protocols"][0]["topics"],
                                             "deadline": self.now + event["sessionTimeoutMs"]}
        group["generation"] += 1
        group["plan"] = {}
        if group["leader"] not in group["members"]:
            group["leader"] = event["client"]
        return [self.join_response(event, seq, "NONE", member_id, group, group["leader"] == event["client"])]

    def join_response(self, event, seq, error, member_id, group, is_leader):
        members = []
        if is_leader:
            members = [{"client": c, "memberId": m["member_id"], "topics": m["topics"]} for c, m in sorted(group["members"].items())]
        return {"type": "join-response", "request": seq, "client": event["client"], "group": event["group"], "error": error,
                "memberId": member_id, "generation": group["generation"] if error == "NONE" else -1,
                "protocol": event["protocols"][0]["name"] if error == "NONE" else None,
                "leader": group["leader"] if error == "NONE" else None, "members": members}

    def check_member(self, event, check_generation=True):
        group = self.groups.get(event["group"])
        member_id = self.member_id(event["client"], event["member"])
        member = group and group["members"].get(event["client"])
        if not group or not member or member["member_id"] != member_id:
            return group, "UNKNOWN_MEMBER_ID"
        if check_generation and event["generation"] != group["generation"]:
            return group, "ILLEGAL_GENERATION"
        member["deadline"] = self.now + 10000
        return group, "NONE"

    def range_plan(self, group):
        plan = {client: [] for client in group["members"]}
        topics = sorted({t for m in group["members"].values() for t in m["topics"]})
        for topic in topics:
            consumers = sorted(c for c, m in group["members"].items() if topic in m["topics"])
            count = len(self.topics.get(topic, []))
            per, extra = divmod(count, len(consumers))
            start = 0
            for index, client in enumerate(consumers):
                size = per + (1 if index < extra else 0)
                if size:
                    plan[client].append({"topic": topic, "partitions": list(range(start, start + size))})
                start += size
        return plan

    def sync(self, event, seq):
        group, error = self.check_member(event)
        assignment = []
        if error == "NONE":
            if event["client"] == group["leader"]:
                given = event.get("assignments")
                group["plan"] = {a["client"]: a["partitions"] for a in given} if given is not None else self.range_plan(group)
            assignment = group["plan"].get(event["client"], [])
        return [{"type": "sync-response", "request": seq, "client": event["client"], "group": event["group"],
                 "error": error, "assignment": assignment}]

    def heartbeat(self, event, seq):
        _, error = self.check_member(event)
        return [{"type": "heartbeat-response", "request": seq, "client": event["client"], "group": event["group"], "error": error}]

    def leave(self, event, seq):
        group, error = self.check_member(event, check_generation=False)
        if error == "NONE":
            del group["members"][event["client"]]
            group["generation"] += 1
        return [{"type": "leave-response", "request": seq, "client": event["client"], "group": event["group"], "error": error}]

    def commit(self, event, seq):
        group = self.groups.get(event["group"])
        if event["generation"] < 0 and (group is None or not group["members"]):
            error = "NONE"
        else:
            _, error = self.check_member(event)
        partitions = []
        for item in event["offsets"]:
            if error == "NONE":
                self.offsets[(event["group"], item["topic"], item["partition"])] = item["offset"]
            partitions.append({"topic": item["topic"], "partition": item["partition"], "offset": item["offset"], "error": error})
        return [{"type": "commit-response", "request": seq, "client": event["client"], "group": event["group"],
                 "source": "request", "generation": event["generation"], "partitions": partitions}]

    def offset_fetch(self, event, seq):
        wanted = event.get("partitions")
        if wanted is None:
            wanted = [{"topic": t, "partition": p} for (g, t, p) in sorted(self.offsets) if g == event["group"]]
        offsets = [{"topic": w["topic"], "partition": w["partition"], "metadata": "", "error": "NONE",
                    "offset": self.offsets.get((event["group"], w["topic"], w["partition"]), -1)} for w in wanted]
        return [{"type": "offset-fetch-response", "request": seq, "client": event["client"], "group": event["group"],
                 "error": "NONE", "offsets": offsets}]

    def advance_time(self, event, seq):
        self.now += event["ms"]
        for group in self.groups.values():
            expired = [c for c, m in group["members"].items() if m["deadline"] <= self.now]
            for client in expired:
                del group["members"][client]
            if expired:
                group["generation"] += 1
        return []

    def apply(self, event, seq):
        kind = event["type"]
        if kind not in SUPPORTED:
            return [{"type": "unsupported", "request": seq, "event": kind, "reason": "the toy broker has no " + kind}]
        return getattr(self, kind.replace("-", "_"))(event, seq)


def main():
    broker = ToyBroker({})
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        method, params = request.get("method"), request.get("params") or {}
        try:
            if method == "capabilities":
                result = {"contractVersion": CONTRACT_VERSION, "name": "python-toy", "events": SUPPORTED,
                          "inspect": False, "deterministic": True}
            elif method == "reset":
                broker = ToyBroker(params.get("config", {}))
                result = None
            elif method == "apply":
                result = broker.apply(params["event"], params["seq"])
            elif method == "close":
                result = None
            else:
                raise ValueError("unknown method %r" % method)
            response = {"id": request["id"], "result": result}
        except Exception as error:  # report, never crash: the runner shows the message
            response = {"id": request.get("id", -1), "error": {"message": "%s: %s" % (type(error).__name__, error)}}
        sys.stdout.write(json.dumps(response) + "\n")
        sys.stdout.flush()
        if method == "close":
            break


if __name__ == "__main__":
    main()
