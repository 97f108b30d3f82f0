const MINUTE = 60;
const HOUR = MINUTE * 60;
const DAY = HOUR * 24;
const WEEK = DAY * 7;
const MONTH = DAY * 30;
const YEAR = DAY * 365;

type Phrase = 'seconds' | 'aMinute' | 'minutes' | 'anHour' | 'hours' | 'aDay' | 'days' | 'aWeek' | 'weeks' | 'aMonth' | 'months' | 'aYear' | 'overAYear';

const AGO: Record<Phrase, string> = {
  seconds: '{{time}} seconds ago',
  aMinute: 'a minute ago',
  minutes: '{{time}} minutes ago',
  anHour: 'an hour ago',
  hours: '{{time}} hours ago',
  aDay: 'yesterday',
  days: '{{time}} days ago',
  aWeek: 'a week ago',
  weeks: '{{time}} weeks ago',
  aMonth: 'a month ago',
  months: '{{time}} months ago',
  aYear: 'a year ago',
  overAYear: 'over a year ago',
};

const FROM_NOW: Record<Phrase, string> = {
  seconds: '{{time}} seconds from now',
  aMinute: 'a minute from now',
  minutes: '{{time}} minutes from now',
  anHour: 'an hour from now',
  hours: '{{time}} hours from now',
  aDay: 'tomorrow',
  days: '{{time}} days from now',
  aWeek: 'a week from now',
  weeks: '{{time}} weeks from now',
  aMonth: 'a month from now',
  months: '{{time}} months from now',
  aYear: 'a year from now',
  overAYear: 'over a year from now',
};

const secondsBetween = (a: Date, b: Date) => Math.round(Math.abs(a.getTime() - b.getTime()) / 1000);

/**
 * "3 days ago", "yesterday", "over a year ago": the English phrases npm's
 * `view` prints after "published" (npm uses tiny-relative-date; this follows
 * its thresholds, including its quirks: between one day and one week the date
 * counts from its local midnight, and beyond two years it stays "over a year").
 *
 * @example
 * relativeDate('2024-01-01T00:00:00Z', new Date('2024-01-01T00:05:00Z')) // '5 minutes ago'
 */
export function relativeDate(value: unknown, now: Date): string {
  // Whatever the document holds goes to Date as in npm (a boolean or an array too), though Date's types take only strings and numbers.
  let date = value instanceof Date ? value : new Date(value as string);
  let delta = secondsBetween(now, date);

  if (delta > DAY && delta < WEEK) {
    date = new Date(date.getFullYear(), date.getMonth(), date.getDate(), 0, 0, 0);
    delta = secondsBetween(now, date);
  }

  const say = (phrase: Phrase, time: number) => (now.getTime() >= date.getTime() ? AGO : FROM_NOW)[phrase].replace('{{time}}', String(time));

  // An unparsable date gives NaN, which fails every comparison and ends at the last phrase, as in npm.
  if (delta < 30) return 'just now';
  if (delta < MINUTE) return say('seconds', delta);
  if (delta < 2 * MINUTE) return say('aMinute', 1);
  if (delta < HOUR) return say('minutes', Math.floor(delta / MINUTE));
  if (Math.floor(delta / HOUR) === 1) return say('anHour', Math.floor(delta / MINUTE));
  if (delta < DAY) return say('hours', Math.floor(delta / HOUR));
  if (delta < DAY * 2) return say('aDay', 1);
  if (delta < WEEK) return say('days', Math.floor(delta / DAY));
  if (Math.floor(delta / WEEK) === 1) return say('aWeek', 1);
  if (delta < MONTH) return say('weeks', Math.floor(delta / WEEK));
  if (Math.floor(delta / MONTH) === 1) return say('aMonth', 1);
  if (delta < YEAR) return say('months', Math.floor(delta / MONTH));
  if (Math.floor(delta / YEAR) === 1) return say('aYear', 1);
  return say('overAYear', Math.floor(delta / YEAR));
}
