// Answers timeline questions from tests/test_timeline_property.py, one JSON line in, one out,
// so that thousands of random cases need only one Node process.
import { createInterface } from "node:readline";

import timeline from "../../static/js/timeline.mjs";

let data = {};

function handle(request) {
  const nation = data[request.nation];
  switch (request.op) {
    case "setup":
      data = request.data;
      return null;
    case "check":
      return timeline.checkInputs(data[Object.keys(data)[0]].rules, request.inputs, request.today);
    case "timeline":
      return timeline.computeTimeline(nation.rules, request.inputs, nation.holidays);
    case "ics": {
      const milestones = timeline.computeTimeline(nation.rules, request.inputs, nation.holidays);
      return timeline.toICalendar(
        milestones, nation.rules, request.texts, new Date(request.stamp), nation.holidays, request.words
      );
    }
    case "why": {
      const milestones = timeline.computeTimeline(nation.rules, request.inputs, nation.holidays);
      return milestones.map((m) => timeline.why(nation.rules, m, nation.holidays));
    }
    case "explain":
      return timeline.explain(request.texts, { rule: request.rule, count: request.count });
    case "plural":
      return request.counts.map((count) => new Intl.PluralRules(request.lang).select(count));
    case "due_after": {
      const start = timeline.parseIso(request.start);
      return timeline.toIso(timeline.dueAfter(start, request.count, request.unit, nation.holidays));
    }
    default:
      throw new Error("unknown op " + request.op);
  }
}

function describeError(error) {
  if (error instanceof timeline.InvalidInputs) return { type: "InvalidInputs", problems: error.problems };
  if (error instanceof timeline.OutOfRange) return { type: "OutOfRange", message: error.message };
  return { type: error.name, message: error.message };
}

for await (const line of createInterface({ input: process.stdin })) {
  let reply;
  try {
    reply = { ok: handle(JSON.parse(line)) };
  } catch (error) {
    reply = { error: describeError(error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
}
