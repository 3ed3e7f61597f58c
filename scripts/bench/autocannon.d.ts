/**
 * The part of autocannon 8's API the bot benchmark uses (the package ships no types and
 * @types/autocannon is not installed). From its README: options, and the Results object.
 */
declare module 'autocannon' {
  namespace autocannon {
    interface RequestSpec {
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (request: RequestSpec) => RequestSpec;
    }
    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds. */
      timeout?: number;
      requests?: RequestSpec[];
    }
    /** hdr-histogram-percentiles-obj: milliseconds for latency, counts per second for requests. */
    interface Histogram {
      average: number;
      mean: number;
      max: number;
      p50: number;
      p90: number;
      p99: number;
      total: number;
    }
    interface Result {
      duration: number;
      requests: Histogram;
      latency: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
      statusCodeStats: Record<string, { count: number }>;
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
