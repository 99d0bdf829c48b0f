import { DateResolver, DateTimeResolver } from 'graphql-scalars';

/** `Date` is a calendar date (YYYY-MM-DD); `DateTime` is ISO-8601 with time and offset. */
export const DateScalar = DateResolver;
export const DateTimeScalar = DateTimeResolver;
