package org.radflow;

public final class RadflowMain {
  public static void main(String[] args) {
    System.out.println("radflow");
  }
}
