package org.radflow.demo;

import java.util.List;

/** An examination the group performs: its code, name, modality and Medicare item number. */
record Procedure(String code, String name, String modality, String item) {

  static final List<Procedure> MENU =
      List.of(
          new Procedure("CTHEAD", "CT Head", "CT", "56001"),
          new Procedure("CTCHEST", "CT Chest", "CT", "56301"),
          new Procedure("XRCHEST", "XR Chest", "DX", "58500"),
          new Procedure("XRKNEE", "XR Knee", "DX", "57521"),
          new Procedure("MRBRAIN", "MR Brain", "MR", "63001"),
          new Procedure("USABDO", "US Abdomen", "US", "55036"),
          new Procedure("MGSCREEN", "Mammography", "MG", "59300"));
}
