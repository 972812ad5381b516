"""The cache: bounded, correct, and only ever read from a folder that is ours."""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import time
from pathlib import Path

import pytest
from cli import DATA, ROOT, ikscli


def cache_files(cache_home: Path) -> list[Path]:
    folder = cache_home / "ikscli"
    return sorted(folder.iterdir()) if folder.exists() else []


def copies(tmp_path: Path, count: int) -> list[Path]:
    """`count` different valid dataset files (each a different cache key)."""
    text = DATA.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = tmp_path / f"copy{i}.yaml"
        path.write_text(text + f"# copy {i}\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.slow
def test_the_cache_stays_within_its_limit_keeping_the_recently_used(tmp_path):
    home = tmp_path / "home"
    paths = copies(tmp_path, 8)
    ikscli("count", "--data", str(paths[0]), cwd=tmp_path, cache=home)
    (first,) = cache_files(home)
    entry = first.stat().st_size
    limit = 3.5 * entry
    env = {"IKSCLI_CACHE_MAX_MB": str(limit / 1024 / 1024)}  # room for three entries
    for path in paths[1:]:
        time.sleep(0.02)
        ikscli("count", "--data", str(path), cwd=tmp_path, cache=home, env=env)
        time.sleep(0.02)
        # use the first file again each time: recently used, it must survive
        ikscli("count", "--data", str(paths[0]), cwd=tmp_path, cache=home, env=env)
        assert sum(p.stat().st_size for p in cache_files(home)) <= limit
    kept = cache_files(home)
    assert len(kept) == 3 and first in kept
    # the other two are the newest: copies 6 and 7
    for path in paths[6:]:
        before = len(cache_files(home))
        ikscli("count", "--data", str(path), cwd=tmp_path, cache=home, env=env)
        assert cache_files(home) == kept and len(kept) == before  # hits: nothing new


def test_the_newest_entry_is_kept_even_when_it_alone_is_too_big(tmp_path):
    home = tmp_path / "home"
    env = {"IKSCLI_CACHE_MAX_MB": "0.001"}
    path = copies(tmp_path, 1)[0]
    ikscli("count", "--data", str(path), cwd=tmp_path, cache=home, env=env)
    assert len(cache_files(home)) == 1


def test_temporary_files_of_a_killed_writer_are_removed(tmp_path):
    home = tmp_path / "home"
    folder = home / "ikscli"
    folder.mkdir(parents=True, mode=0o700)
    stale, fresh = folder / ".tmp-killed.bin", folder / ".tmp-writing.bin"
    stale.write_bytes(b"x" * 1000)
    fresh.write_bytes(b"y" * 10)
    old = time.time() - 3600
    os.utime(stale, (old, old))
    ikscli("count", "--data", str(copies(tmp_path, 1)[0]), cwd=tmp_path, cache=home)
    assert not stale.exists() and fresh.exists()


def test_cache_info_and_clear(tmp_path):
    home = tmp_path / "home"
    ikscli("count", cwd=tmp_path, cache=home)
    ikscli("list", "-f", "json", cwd=tmp_path, cache=home)
    info = ikscli("cache", "info", cwd=tmp_path, cache=home).stdout.decode()
    assert f"folder:   {home / 'ikscli'}" in info
    assert "datasets: 1 (2 entries)" in info and "of at most 64.0 MiB" in info
    cleared = ikscli("cache", "clear", cwd=tmp_path, cache=home)
    assert cleared.returncode == 0 and b"removed 2 files" in cleared.stdout
    assert cache_files(home) == []
    assert b"datasets: 0" in ikscli("cache", "info", cwd=tmp_path, cache=home).stdout


def test_a_zero_limit_turns_the_cache_off(tmp_path):
    home = tmp_path / "home"
    result = ikscli("count", cwd=tmp_path, cache=home, env={"IKSCLI_CACHE_MAX_MB": "0"})
    assert result.returncode == 0 and not (home / "ikscli").exists()
    assert (
        b"no: it turned off"
        in ikscli(
            "cache", "info", cwd=tmp_path, cache=home, env={"IKSCLI_CACHE_MAX_MB": "0"}
        ).stdout
    )


@pytest.mark.slow
@pytest.mark.parametrize("module", ["yamlread.py", "names.py", "render/table.py"])
def test_a_change_to_any_module_is_a_new_key(tmp_path, module):
    package = tmp_path / "code" / "ikscli"
    shutil.copytree(ROOT / "ikscli", package, ignore=shutil.ignore_patterns("__pycache__"))
    home = tmp_path / "home"
    env = {"PYTHONPATH": str(package.parent)}
    data = copies(tmp_path, 1)[0]
    ikscli("count", "--data", str(data), cwd=tmp_path, cache=home, env=env)
    assert len(cache_files(home)) == 1
    with open(package / module, "a", encoding="utf-8") as handle:
        handle.write("\n# changed\n")
    ikscli("count", "--data", str(data), cwd=tmp_path, cache=home, env=env)
    assert len(cache_files(home)) == 2


def forge(folder: Path, data: Path) -> None:
    """Plant an entry for `data` that claims one agreement only, with a valid checksum."""
    from ikscli.reading import cache
    from ikscli.reading.loader import load

    real = load(data, use_cache=False).dataset
    real.agreements = real.agreements[:1]
    digest = cache.key(data.read_bytes())
    body = marshal.dumps((cache._freeze(real), [], None, None))
    payload = digest.encode() + b"\n" + hashlib.sha256(body).digest() + body
    (folder / f"{digest}.bin").write_bytes(payload)


@pytest.mark.parametrize("mode", [0o777, 0o775])
def test_a_folder_others_can_write_is_not_used(tmp_path, mode):
    home = tmp_path / "home"
    folder = home / "ikscli"
    folder.mkdir(parents=True)
    os.chmod(folder, mode)
    data = copies(tmp_path, 1)[0]
    forge(folder, data)
    # the forged entry is right for this code: a trusted folder would serve it
    result = ikscli("count", "--data", str(data), cwd=tmp_path, cache=home)
    assert result.returncode == 0
    assert b"Total: 58 agreements" in result.stdout
    assert b"not using the cache folder" in result.stderr and b"other users" in result.stderr
    assert len(list(folder.iterdir())) == 1  # nothing written there either


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_a_folder_of_another_user_is_not_used(tmp_path):
    home = tmp_path / "home"
    folder = home / "ikscli"
    folder.mkdir(parents=True, mode=0o700)
    data = copies(tmp_path, 1)[0]
    forge(folder, data)
    os.chown(folder, 65534, 65534)
    result = ikscli("count", "--data", str(data), cwd=tmp_path, cache=home)
    assert b"Total: 58 agreements" in result.stdout
    assert b"belongs to another user" in result.stderr


def test_a_forged_entry_in_our_own_folder_would_be_served(tmp_path):
    """The control for the two tests above: the forgery is real, the check is what stops it."""
    home = tmp_path / "home"
    folder = home / "ikscli"
    folder.mkdir(parents=True, mode=0o700)
    data = copies(tmp_path, 1)[0]
    forge(folder, data)
    result = ikscli("count", "--data", str(data), cwd=tmp_path, cache=home)
    assert b"Total: 1 agreement" in result.stdout


def test_a_new_folder_is_private(tmp_path):
    home = tmp_path / "home"
    ikscli("count", cwd=tmp_path, cache=home)
    assert (home / "ikscli").stat().st_mode & 0o077 == 0


def test_a_file_bigger_than_the_limit_keeps_all_its_entries(tmp_path):
    """The dataset and its JSON lines are one content: JSON must not evict the dataset."""
    home = tmp_path / "home"
    env = {"IKSCLI_CACHE_MAX_MB": "0.001"}
    path = copies(tmp_path, 1)[0]
    ikscli("count", "--data", str(path), cwd=tmp_path, cache=home, env=env)
    ikscli("list", "-f", "json", "--data", str(path), cwd=tmp_path, cache=home, env=env)
    names = sorted(p.name.split(".", 1)[1] for p in cache_files(home))
    assert names == ["bin", "json.bin"]
    before = {p: p.stat().st_mtime_ns for p in cache_files(home)}
    ikscli("count", "--data", str(path), cwd=tmp_path, cache=home, env=env)
    assert set(cache_files(home)) == set(before)  # served from the cache, nothing rewritten


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_the_cache_folder_is_where_platformdirs_puts_it(monkeypatch, platform, tmp_path):
    """Each platform's convention (%LOCALAPPDATA% on Windows), as platformdirs says it."""
    platformdirs = pytest.importorskip("platformdirs")
    from platformdirs import macos, unix, windows

    from ikscli.reading import cache

    monkeypatch.setattr(cache.sys, "platform", platform)
    local = str(tmp_path / "Local")
    monkeypatch.setenv("LOCALAPPDATA", local)
    monkeypatch.setattr(windows, "get_win_folder", lambda name: local)
    for xdg in (None, str(tmp_path / "xdg")):
        if xdg is None:
            monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        kind = {"linux": unix.Unix, "win32": windows.Windows, "darwin": macos.MacOS}[platform]
        expected = kind("ikscli", appauthor=False).user_cache_dir
        assert str(cache.directory()) == expected, (platform, xdg)
    assert platformdirs.__version__
