// SPDX-License-Identifier: GPL-3.0-or-later
// Anchor translation unit for the cop_resources library; the data itself is compiled in by
// qt_add_resources.
namespace cop {
int resourcesLibraryAnchor() { return 0; }
} // namespace cop
