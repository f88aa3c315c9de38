export interface DailyCount {
  /** Calendar day, YYYY-MM-DD (UTC). */
  day: string;
  count: number;
}

export interface ContactsCreatedReport {
  data: DailyCount[];
}
