#ifndef STUDYSPOT_CLIBPQ_SHIM_H
#define STUDYSPOT_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#include <poll.h>

/* PGRES_* and CONNECTION_* import as enums; OIDs below are #defines in
   server headers that client code does not get, so name the ones we decode. */
static const unsigned int studyspot_oid_bool = 16;
static const unsigned int studyspot_oid_int8 = 20;
static const unsigned int studyspot_oid_int2 = 21;
static const unsigned int studyspot_oid_int4 = 23;
static const unsigned int studyspot_oid_text = 25;
static const unsigned int studyspot_oid_float4 = 700;
static const unsigned int studyspot_oid_float8 = 701;
static const unsigned int studyspot_oid_numeric = 1700;
static const unsigned int studyspot_oid_timestamptz = 1184;
/* PG_DIAG_* are character macros. */
static const int studyspot_diag_sqlstate = PG_DIAG_SQLSTATE;
static const int studyspot_diag_message_primary = PG_DIAG_MESSAGE_PRIMARY;
static const int studyspot_diag_message_detail = PG_DIAG_MESSAGE_DETAIL;
#endif
