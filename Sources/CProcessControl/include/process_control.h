#ifndef RELIEF_PROCESS_CONTROL_H
#define RELIEF_PROCESS_CONTROL_H

/// prctl(PR_SET_PDEATHSIG, sig): the kernel sends `sig` to this process when its
/// parent dies. prctl is variadic, which Swift cannot call; 0 or -1 with errno.
int relief_set_parent_death_signal(int sig);

#endif
