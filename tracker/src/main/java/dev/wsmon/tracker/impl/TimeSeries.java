package dev.wsmon.tracker.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded series of points; when full, adjacent points merge pairwise before the next is added.
 */
final class TimeSeries {

  private final int capacity;
  private final ArrayList<SeriesPoint> points = new ArrayList<>();

  TimeSeries(int capacity) {
    this.capacity = capacity;
  }

  void add(SeriesPoint point) {
    if (points.size() >= capacity) {
      compact();
    }
    points.add(point);
  }

  private void compact() {
    int merged = 0;
    for (int i = 0; i < points.size(); i += 2) {
      SeriesPoint p =
          i + 1 < points.size()
              ? SeriesPoint.merge(points.get(i), points.get(i + 1))
              : points.get(i);
      points.set(merged++, p);
    }
    points.subList(merged, points.size()).clear();
  }

  void clear() {
    points.clear();
  }

  List<SeriesPoint> points() {
    return List.copyOf(points);
  }
}
