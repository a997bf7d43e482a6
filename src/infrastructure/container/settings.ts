/** What the composition root needs to know; the HTTP server derives it from Config, hosts pass it. */
export interface TaskhexSettings {
  readonly secret: string;
  readonly tokenLifetimeSeconds: number;
  readonly jwtIssuer?: string | undefined;
  readonly jwtAudience?: string | undefined;
  readonly jwksUrl?: string | undefined;
  readonly autoProvision: boolean;
  readonly bcryptCost: number;
  /** Trashed tasks older than this are purged by the retention job (default 30). */
  readonly trashRetentionDays?: number | undefined;
}
