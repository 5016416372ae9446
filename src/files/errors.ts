// File-system errors in a person's words (no errno numbers, no stack).

export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EFBIG':
      return 'the file would be larger than this process may write (see ulimit -f)';
    case 'EISDIR':
      return 'it is a directory';
    case 'ELOOP':
      return 'too many symbolic links (a loop?)';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'EIO':
      return 'an input/output error on the device';
    case 'EBUSY':
      return 'it is in use or mounted in place (a bind mount?), so it cannot be replaced';
    case 'EXDEV':
      return 'the new file ended up on another file system than the old one';
    case 'EEXIST':
      return 'a file of that name is in the way';
    default:
      return err.message ?? String(e);
  }
}
