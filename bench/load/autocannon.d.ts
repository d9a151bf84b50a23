// The subset of autocannon 8's API the bench uses (the package ships no types).
declare module 'autocannon' {
  export interface AutocannonRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  }
  export interface AutocannonOptions {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    timeout?: number;
    requests?: AutocannonRequest[];
    skipAggregateResult?: boolean;
  }
  export interface AutocannonResult {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    requests: { total: number; average: number };
    latency: { p50: number; p99: number; average: number };
  }
  export interface Autocannon {
    (options: AutocannonOptions): Promise<AutocannonResult>;
    aggregateResult(results: AutocannonResult[], options: Partial<AutocannonOptions>): AutocannonResult;
  }
  const autocannon: Autocannon;
  export default autocannon;
}
