/** The part of Electronegativity's programmatic API that the suite uses; the package ships no types. */
declare module '@doyensec/electronegativity' {
  interface Options {
    input: string;
    severitySet?: 'informational' | 'low' | 'medium' | 'high';
    isRelative?: boolean;
    excludeFromScan?: string[];
  }
  export default function run(options: Options): Promise<unknown>;
}
