/** What the client can do, read once from its initialize request. */
export interface ClientFeatures {
  readonly interactiveFixes: boolean;
  readonly schemaDescribesKeys: boolean;
  readonly documentChanges: boolean;
  readonly relatedInformation: boolean;
}
