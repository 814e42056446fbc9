"""Resources are found in a checkout and inside an installed wheel alike."""

from medlemsvard_app import paths


def test_checkout_layout_uses_the_repository_folders():
    assert (paths.translations_dir() / "sv" / "LC_MESSAGES" / "medlemsvard.mo").exists()
    assert (paths.resources_dir() / "icons" / "medlemsvard.png").exists()


def test_wheel_layout_prefers_the_copy_inside_the_package(tmp_path, monkeypatch):
    package = tmp_path / "site-packages" / "medlemsvard_app"
    (package / "translations").mkdir(parents=True)
    (package / "resources").mkdir()
    monkeypatch.setattr(paths, "_PACKAGE_DIR", package)
    assert paths.translations_dir() == package / "translations"
    assert paths.resources_dir() == package / "resources"


def test_data_folder_can_be_overridden(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDLEMSVARD_DATA_DIR", str(tmp_path))
    assert paths.default_database_path() == tmp_path / "medlemsvard.sqlite"
