/** The user on whose behalf a use case runs. Always passed explicitly; never read from ambient state. */
export interface Actor {
  readonly userId: string;
}
