/**
 * The two roles as they appear in token claims: hospitals hold the resource-server scope through
 * the client-credentials grant, registrars are users in a Cognito group. Shared by the handlers,
 * the CDK app and the local issuer so the names cannot drift apart.
 */
export const HOSPITAL_SCOPE = 'lahir-api/hospital';
export const REGISTRARS_GROUP = 'registrars';
