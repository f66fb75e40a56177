/* maxrss: run a command, then print its peak resident memory.
 *   maxrss <command...>  ->  stderr of the command passes through;
 *   last line on stdout: `maxrss_kb <peak RSS in kB> status <exit>` */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: maxrss <command...>\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid == 0) {
        execvp(argv[1], argv + 1);
        perror("maxrss: exec");
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
        return 2;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("maxrss_kb %ld status %d\n", ru.ru_maxrss, code);
    return 0;
}
