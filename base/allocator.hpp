#pragma once
// How the process's allocator hands memory back to the system.

namespace rp {

// glibc's malloc gives the top of its heap back as soon as 128 KiB lie free there, and
// serves each block over 128 KiB from a mapping of its own that it unmaps when freed. In a
// process with threads each such return interrupts every other core to flush its TLB; on
// a virtual machine, building the demo spent two thirds of its time there (18.5 s for
// 120 patients; 5.4 s keeping freed memory). So freed memory is kept: up to 64 MiB at
// the heap's top, and blocks up to 32 MiB come from the heap. Called first in main().
void keep_freed_memory();

}  // namespace rp
