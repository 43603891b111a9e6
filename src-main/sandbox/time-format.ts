// The cloud answers in Beijing time (+08:00), in two styles: ISO for instances and images, Go's
// time.String() for Harbor-backed objects (namespaces, repositories, executions, tasks).

const OFFSET_MS = 8 * 3600 * 1000;

function parts(ms: number): { date: string; time: string; millis: string } {
  const iso = new Date(ms + OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19), millis: iso.slice(20, 23) };
}

/** `2026-11-28T19:59:03+08:00` */
export function isoTime(ms: number): string {
  const { date, time } = parts(ms);
  return `${date}T${time}+08:00`;
}

/** `2026-11-28 19:59:03.123 +0800 CST` */
export function goTime(ms: number): string {
  const { date, time, millis } = parts(ms);
  return `${date} ${time}.${millis} +0800 CST`;
}
