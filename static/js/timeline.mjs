// The timeline engine as an ES module, for Node and its test runner.
// timeline.js is a classic script so that pages opened from disk (file://) can load it;
// importing it runs it once, and it leaves its functions on globalThis.CoreGroupTimeline.
import "./timeline.js";

const timeline = globalThis.CoreGroupTimeline;

export const {
  OutOfRange,
  InvalidInputs,
  DATE_FIELDS,
  MAX_CORE_GROUPS,
  isRealDate,
  dayNumber,
  dateParts,
  parseIso,
  toIso,
  weekday,
  isWorkingDay,
  addWorkingDays,
  addMonths,
  workingDayOnOrBefore,
  dueAfter,
  checkInputs,
  computeTimeline,
  writeNumber,
  explain,
  why,
  REMINDER_WORKING_DAYS,
  toICalendar,
} = timeline;
export default timeline;
