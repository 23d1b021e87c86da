// SPDX-License-Identifier: GPL-2.0
/* -disable and -allow need a value. */
/* { dg-options "-fsyntax-only -fplugin-arg-refguard-disable -fplugin-arg-refguard-allow=" } */
/* { dg-error "'-fplugin-arg-refguard-disable' needs a value" 0 } */
/* { dg-error "'-fplugin-arg-refguard-allow' needs a value" 0 } */
int x;
