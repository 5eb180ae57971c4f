#ifndef STUDYSPOT_CHIREDIS_SHIM_H
#define STUDYSPOT_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>

/* REDIS_REPLY_* and REDIS_OK/ERR are macros Swift does not import. */
static const int studyspot_reply_string = REDIS_REPLY_STRING;
static const int studyspot_reply_array = REDIS_REPLY_ARRAY;
static const int studyspot_reply_integer = REDIS_REPLY_INTEGER;
static const int studyspot_reply_nil = REDIS_REPLY_NIL;
static const int studyspot_reply_status = REDIS_REPLY_STATUS;
static const int studyspot_reply_error = REDIS_REPLY_ERROR;
static const int studyspot_redis_ok = REDIS_OK;
#endif
