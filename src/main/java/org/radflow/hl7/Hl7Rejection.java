package org.radflow.hl7;

import ca.uhn.hl7v2.ErrorCode;

/** Why a message was answered AR, with the HL7 error code its ERR segment carries. */
public enum Hl7Rejection {
  UNPARSEABLE(ErrorCode.SEGMENT_SEQUENCE_ERROR),
  WRONG_ENCODING_CHARACTERS(ErrorCode.DATA_TYPE_ERROR),
  UNSUPPORTED_MESSAGE(ErrorCode.UNSUPPORTED_MESSAGE_TYPE),
  UNSUPPORTED_VALUE(ErrorCode.TABLE_VALUE_NOT_FOUND),
  MISSING_FIELD(ErrorCode.REQUIRED_FIELD_MISSING),
  UNKNOWN_STUDY(ErrorCode.UNKNOWN_KEY_IDENTIFIER),
  OVERSIZED(ErrorCode.APPLICATION_INTERNAL_ERROR),
  TRUNCATED_FRAME(ErrorCode.SEGMENT_SEQUENCE_ERROR),
  REFUSED_BY_RULES(ErrorCode.APPLICATION_INTERNAL_ERROR),
  /** Anything else radflow could not do with the message; the reason says what. */
  OTHER(ErrorCode.APPLICATION_INTERNAL_ERROR);

  private final ErrorCode errorCode;

  Hl7Rejection(ErrorCode errorCode) {
    this.errorCode = errorCode;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }
}
