import { formatIsoDate, localDateTime, type CalendarDate, type TimeZone } from './calendar.js';

/**
 * The one birth-date rule. A birth's civil date is the date, in the zone of the regency that
 * registers it (WIB for Banyuwangi; WITA/WIT where configured, see CIVIL_TIME_ZONE), of the instant
 * the hospital gave, whatever offset it wrote: SATUSEHAT sends UTC, so `2026-11-20T20:00:00Z` is
 * 21 November 03:00 WIB and the child was born on the 21st; `2026-11-21T00:30:00+08:00` (WITA) is
 * 20 November 23:30 WIB. The NIK's DDMMYY, the akta's and the KIA's printed date and time, the KIA's
 * validity, the KK entry, the late-registration and duplicate checks all take it from here.
 */
export interface CivilBirth {
  readonly date: CalendarDate;
  /** The date as ISO "2026-11-21". */
  readonly isoDate: string;
  /** The clock time in `timeZone`, "03:00". */
  readonly time: string;
  readonly timeZone: TimeZone;
}

/** Null when `birthDateTime` is not an instant (an ISO 8601 timestamp with an offset or Z). */
export function civilBirth(birthDateTime: string, zone: TimeZone): CivilBirth | null {
  if (!/(Z|[+-]\d{2}:\d{2})$/i.test(birthDateTime)) return null;
  const instant = Date.parse(birthDateTime);
  if (!Number.isFinite(instant)) return null;
  const { date, time } = localDateTime(new Date(instant), zone);
  return { date, isoDate: formatIsoDate(date), time, timeZone: zone };
}
