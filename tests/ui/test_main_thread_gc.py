"""Garbage is collected on the GUI thread only (a worker collecting Qt objects crashes Qt)."""

import gc

from medlemsvard_app.ui.main_thread_gc import MainThreadCollector


def test_automatic_collection_is_off_and_the_timer_collects(qapp):
    collector = MainThreadCollector()
    try:
        assert not gc.isenabled()

        class Cycle:
            pass

        for _ in range(collector.thresholds[0] + 10):
            a, b = Cycle(), Cycle()
            a.other, b.other = b, a
        assert gc.get_count()[0] > collector.thresholds[0]
        collector.check()
        assert gc.get_count()[0] < collector.thresholds[0]
    finally:
        collector.timer.stop()
        collector.deleteLater()
