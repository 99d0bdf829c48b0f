// natural ships no typings for its single-file stop word module; importing it directly avoids
// loading natural's whole index (~600 ms, and the dotenv banner) just for a word list.
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
