/**
 * The roles as they appear in token claims, shared by the handlers, the CDK app and the local issuer
 * so the names cannot drift apart:
 * - hospital systems hold the resource-server scope through the client-credentials grant; the facility
 *   is the app client (`client_id`);
 * - hospital staff without their own system sign in to the console as Cognito users in the
 *   `hospital-staff` group with the `custom:facility_id` attribute; the pre-token-generation trigger
 *   (functions/pre-token-generation) grants them the same scope and a `facility_id` claim;
 * - registrars are users in the `registrars` group;
 * - heads of office (Kepala Dinas, or the Pejabat Pencatatan Sipil the head delegates to) are users in
 *   the `head-of-office` group: everything a registrar may do, plus the decisions only they take (late
 *   registrations, amendments). Membership of that group alone is enough; they need not also be in
 *   `registrars`.
 */
export const HOSPITAL_SCOPE = 'lahir-api/hospital';
export const REGISTRARS_GROUP = 'registrars';
export const HEAD_OF_OFFICE_GROUP = 'head-of-office';
export const HOSPITAL_STAFF_GROUP = 'hospital-staff';
/** The user attribute naming a staff member's facility (the hospital's app client id), and its token claim. */
export const FACILITY_ATTRIBUTE = 'facility_id';
export const FACILITY_CLAIM = 'facility_id';
