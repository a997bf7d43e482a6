import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** What one request's consumption answers. */
export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the budget is whole again. */
  readonly resetSeconds: number;
}

/** A budget of requests per key and window; the HTTP middleware depends only on this. */
export interface RateLimiter {
  consume(key: string): Promise<RateDecision>;
}

/** rate-limiter-flexible behind the small interface above, whatever its store. */
export class FlexibleRateLimiter implements RateLimiter {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  async consume(key: string): Promise<RateDecision> {
    try {
      return this.decision(true, await this.limiter.consume(key));
    } catch (rejection) {
      // A RateLimiterRes rejection means "over budget"; anything else is a store failure, which the
      // Redis limiter already routes to its in-memory insurance limiter before it gets here.
      if (rejection instanceof RateLimiterRes) return this.decision(false, rejection);
      throw rejection;
    }
  }

  private decision(allowed: boolean, res: RateLimiterRes): RateDecision {
    return {
      allowed,
      limit: this.limiter.points,
      remaining: res.remainingPoints,
      resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    };
  }
}
