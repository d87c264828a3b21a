#!/usr/bin/env node
// Regenerates the seeded sample catalogue (data/sample/images/ and data/sample/catalog.csv).
//
//   node data/sample/tools/build-sample.mjs <fluentDir> <datasourceDir> <outDir>
//
// <fluentDir>     unpacked npm tarball of @lobehub/fluent-emoji-3d@1.1.0 (the folder holding assets/,
//                 or its parent holding package/assets/)
// <datasourceDir> unpacked npm tarball of emoji-datasource-google@16.0.0 (the folder holding emoji.json,
//                 or its parent holding package/emoji.json)
// <outDir>        data/sample (images/ and catalog.csv are written there)
//
// Only Node.js built-ins are used. The output depends only on the two packages and on the tables below:
// images are copied byte for byte (no re-encoding), prices come from a SHA-256 of the codepoint, rows are
// sorted by category then title. Only emoji.json's name, short_name, unified, non_qualified, subcategory and
// sort_order fields are read from emoji-datasource-google; none of its images are used.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const EXPECTED = { fluent: ['@lobehub/fluent-emoji-3d', '1.1.0'], datasource: ['emoji-datasource-google', '16.0.0'] };

// Price bands (shop currency): a price is drawn log-uniformly inside the item's band.
const BANDS = {
  xs: [0.49, 4.99],
  s: [2.99, 19.99],
  m: [9.99, 79.99],
  l: [29.99, 299.99],
  xl: [149.99, 1499.99],
  xxl: [999.99, 4999.99],
};

// Shop categories: key -> [display name, SKU abbreviation, default price range]. An item can name a band
// in ITEMS instead. Vehicles (and their road furniture) are priced as scale models.
const CATEGORIES = {
  CLO: ['Clothing & Shoes', 'CLO', [9.99, 69.99]],
  ACC: ['Bags & Accessories', 'ACC', [9.99, 99.99]],
  FRU: ['Fruit', 'FRU', [0.5, 4.99]],
  VEG: ['Vegetables', 'VEG', [0.4, 3.99]],
  FOO: ['Prepared Food', 'FOO', [2.49, 14.99]],
  SWE: ['Bakery & Sweets', 'SWE', [0.99, 9.99]],
  DRI: ['Drinks', 'DRI', [0.99, 9.99]],
  KIT: ['Kitchen & Dining', 'KIT', [2.99, 39.99]],
  ROA: ['Road Vehicles', 'ROA', [9.99, 79.99]],
  TBP: ['Trains, Boats & Planes', 'TBP', [14.99, 149.99]],
  SPO: ['Sports & Outdoors', 'SPO', [9.99, 149.99]],
  TOY: ['Toys & Games', 'TOY', [2.99, 49.99]],
  PAR: ['Party & Seasonal', 'PAR', [1.99, 29.99]],
  MUS: ['Music & Audio', 'MUS', [9.99, 149.99]],
  ELE: ['Electronics', 'ELE', [19.99, 299.99]],
  BOO: ['Books & Paper', 'BOO', [2.99, 29.99]],
  OFF: ['Office & Mail', 'OFF', [1.99, 29.99]],
  STA: ['Stationery & Crafts', 'STA', [0.49, 9.99]],
  TOO: ['Tools & Hardware', 'TOO', [4.99, 49.99]],
  HOM: ['Home & Household', 'HOM', [9.99, 79.99]],
  BAT: ['Bath & Beauty', 'BAT', [1.99, 24.99]],
  HEA: ['Health & Science', 'HEA', [4.99, 79.99]],
  PLA: ['Plants & Garden', 'PLA', [2.99, 29.99]],
};

// emoji-datasource subcategory -> default shop category. Emoji in other subcategories (faces, people, body,
// animals, flags, symbols, places, weather, ...) are left out unless listed in ITEMS below.
const SUBCATEGORY_DEFAULT = {
  'clothing': 'CLO',
  'food-fruit': 'FRU',
  'food-vegetable': 'VEG',
  'food-prepared': 'FOO',
  'food-asian': 'FOO',
  'food-sweet': 'SWE',
  'drink': 'DRI',
  'dishware': 'KIT',
  'transport-ground': 'ROA',
  'transport-air': 'TBP',
  'transport-water': 'TBP',
  'sport': 'SPO',
  'award-medal': 'SPO',
  'game': 'TOY',
  'event': 'PAR',
  'arts & crafts': 'STA',
  'music': 'MUS',
  'musical-instrument': 'MUS',
  'sound': 'MUS',
  'phone': 'ELE',
  'computer': 'ELE',
  'light & video': 'ELE',
  'book-paper': 'BOO',
  'mail': 'OFF',
  'writing': 'STA',
  'office': 'OFF',
  'lock': 'TOO',
  'tool': 'TOO',
  'science': 'HEA',
  'medical': 'HEA',
  'household': 'HOM',
  'plant-flower': 'PLA',
  'plant-other': 'PLA',
};

// Left out although their subcategory is taken: not products (icons, signs, symbols), near-duplicate renders
// of an item already taken, weapons, or trademark-sensitive artwork (Microsoft's Fluent Emoji notice names the
// Clippy-like paperclip and the video-game emoji among those it could not open-source).
const EXCLUDE = new Set([
  // transport
  'motorway', 'railway_track',
  // activities
  'sparkles', 'rice_scene', 'spades', 'hearts', 'diamonds', 'clubs', 'video_game',
  // music & sound
  'musical_note', 'notes', 'mute', 'sound', 'loud_sound', 'no_bell',
  // phone, computer, video
  'calling', 'low_battery', 'mag_right',
  // mail & office
  'e-mail', 'incoming_envelope', 'envelope_with_arrow',
  'chart_with_upwards_trend', 'chart_with_downwards_trend', 'bar_chart', 'paperclip',
  // locks, tools, weapons
  'lock_with_ink_pen', 'dagger_knife', 'crossed_swords', 'bomb',
  // science & medical
  'drop_of_blood',
  // household
  'elevator',
  // plants
  'white_flower', 'wilted_flower', 'maple_leaf', 'fallen_leaf', 'leaves', 'leafless_tree',
]);

// Per-emoji overrides, keyed by emoji-datasource short_name: [category, title, price band].
// category null = the subcategory's default; title null = Title Case of the Unicode name; band omitted = the
// category's default price range. Emoji from subcategories outside SUBCATEGORY_DEFAULT (weather, places,
// costume faces, hearts, ...) are included only when listed here with a category.
const ITEMS = {
  // clothing
  eyeglasses: ['ACC', 'Eyeglasses', 'l'],
  dark_sunglasses: ['ACC', 'Sunglasses', 'm'],
  goggles: ['SPO', 'Goggles', 's'],
  lab_coat: [null, null, 'm'],
  safety_vest: [null, 'Hi-Vis Safety Vest', 's'],
  shirt: [null, 'T-Shirt'],
  coat: [null, null, 'l'],
  socks: [null, null, 's'],
  kimono: [null, null, 'l'],
  sari: [null, null, 'l'],
  briefs: [null, 'Swim Briefs'],
  womans_clothes: [null, "Women's Blouse"],
  folding_hand_fan: ['ACC', 'Folding Hand Fan', 's'],
  purse: ['ACC', 'Coin Purse'],
  handbag: ['ACC', 'Handbag', 'l'],
  pouch: ['ACC', 'Clutch Bag'],
  shopping_bags: ['ACC', 'Shopping Bags', 'xs'],
  school_satchel: ['ACC', 'School Backpack'],
  thong_sandal: [null, 'Flip-Flops', 's'],
  mans_shoe: [null, "Men's Leather Shoe", 'l'],
  athletic_shoe: [null, 'Running Shoe', 'l'],
  hiking_boot: [null, null, 'l'],
  womans_flat_shoe: [null, 'Flat Shoe'],
  high_heel: [null, 'High-Heeled Shoe', 'l'],
  sandal: [null, "Women's Sandal"],
  boot: [null, "Women's Boots", 'l'],
  hair_pick: ['BAT', 'Hair Pick Comb'],
  crown: ['ACC', 'Crown'],
  womans_hat: [null, "Women's Sun Hat"],
  tophat: [null, 'Top Hat'],
  mortar_board: [null, 'Graduation Cap'],
  billed_cap: [null, 'Baseball Cap'],
  helmet_with_white_cross: [null, "Rescue Worker's Helmet"],
  prayer_beads: ['ACC', 'Prayer Beads', 's'],
  lipstick: ['BAT', 'Lipstick'],
  ring: ['ACC', 'Diamond Ring', 'xl'],
  gem: ['ACC', 'Gemstone', 'xl'],
  // household
  door: [null, null, 'l'],
  mirror: ['BAT', 'Mirror', 'm'],
  window: [null, null, 'l'],
  bed: [null, null, 'xl'],
  couch_and_lamp: [null, 'Sofa and Lamp', 'xl'],
  chair: [null, null, 'l'],
  toilet: ['BAT', 'Toilet', 'l'],
  plunger: ['BAT', 'Plunger'],
  shower: ['BAT', 'Shower Head', 'm'],
  bathtub: ['BAT', 'Bathtub', 'xl'],
  mouse_trap: [null, null, 's'],
  razor: ['BAT', 'Razor'],
  lotion_bottle: ['BAT', 'Lotion Bottle'],
  safety_pin: ['STA', 'Safety Pin'],
  basket: ['BAT', 'Laundry Basket', 'm'],
  roll_of_paper: ['BAT', 'Toilet Paper Roll', 'xs'],
  soap: ['BAT', 'Bar of Soap', 'xs'],
  bubbles: ['BAT', 'Soap Bubbles', 'xs'],
  toothbrush: ['BAT', 'Toothbrush', 'xs'],
  sponge: ['BAT', 'Bath Sponge', 'xs'],
  broom: [null, null, 's'],
  bucket: [null, null, 's'],
  fire_extinguisher: [null, 'Fire Extinguisher'],
  shopping_trolley: [null, 'Shopping Cart', 'l'],
  // fruit & vegetables
  apple: [null, 'Red Apple'],
  kiwifruit: [null, 'Kiwi Fruit'],
  olive: [null, 'Olives'],
  eggplant: [null, 'Eggplant'],
  corn: [null, 'Corn on the Cob'],
  hot_pepper: [null, 'Chili Pepper'],
  leafy_green: [null, 'Leafy Greens'],
  chestnut: [null, 'Chestnut'],
  mushroom: ['VEG', 'Mushroom'],
  // prepared food
  bread: ['SWE', 'Loaf of Bread'],
  croissant: ['SWE', null],
  baguette_bread: ['SWE', 'Baguette'],
  flatbread: ['SWE', null],
  pretzel: ['SWE', null],
  bagel: ['SWE', null],
  pancakes: ['SWE', null],
  waffle: ['SWE', null],
  poultry_leg: [null, 'Chicken Drumstick'],
  cut_of_meat: [null, 'Steak'],
  fries: [null, 'French Fries'],
  pizza: [null, 'Pizza Slice'],
  egg: [null, 'Egg'],
  fried_egg: ['KIT', 'Frying Pan', 'm'],
  shallow_pan_of_food: [null, 'Paella'],
  stew: [null, 'Pot of Stew'],
  fondue: ['KIT', 'Fondue Pot', 'm'],
  bowl_with_spoon: ['KIT', 'Bowl with Spoon'],
  salt: ['KIT', 'Salt Shaker'],
  bento: [null, 'Bento Box'],
  rice: [null, 'Bowl of Rice'],
  curry: [null, 'Curry Rice'],
  ramen: [null, 'Ramen Bowl'],
  fish_cake: [null, 'Fish Cake'],
  moon_cake: ['SWE', 'Mooncake'],
  dango: ['SWE', 'Dango'],
  fortune_cookie: ['SWE', 'Fortune Cookie'],
  takeout_box: ['KIT', 'Takeout Box', 'xs'],
  // sweets
  icecream: [null, 'Soft Serve Ice Cream'],
  birthday: [null, 'Birthday Cake', 'm'],
  cake: [null, 'Strawberry Shortcake'],
  candy: [null, 'Wrapped Candy'],
  custard: [null, 'Custard Pudding'],
  // drinks
  baby_bottle: ['KIT', 'Baby Bottle'],
  coffee: [null, 'Hot Coffee'],
  teapot: ['KIT', 'Teapot', 'm'],
  tea: [null, 'Cup of Tea'],
  sake: [null, 'Sake Bottle and Cup', 'm'],
  champagne: [null, 'Champagne Bottle', 'm'],
  wine_glass: [null, 'Glass of Red Wine'],
  cocktail: [null, 'Cocktail'],
  tropical_drink: [null, 'Tropical Cocktail'],
  beer: [null, 'Beer Mug'],
  beers: [null, 'Pair of Beer Mugs'],
  clinking_glasses: ['KIT', 'Champagne Flutes'],
  tumbler_glass: [null, 'Whisky Tumbler'],
  pouring_liquid: [null, 'Glass of Water', 'xs'],
  cup_with_straw: [null, 'Soda Cup with Straw'],
  beverage_box: [null, 'Juice Box'],
  mate_drink: [null, 'Mate'],
  ice_cube: [null, 'Ice Cube'],
  // dishware
  knife_fork_plate: [null, 'Plate with Fork and Knife'],
  hocho: [null, 'Kitchen Knife', 'm'],
  jar: [null, 'Glass Jar'],
  // transport (priced as scale models)
  steam_locomotive: ['TBP', null],
  railway_car: ['TBP', null],
  bullettrain_side: ['TBP', 'High-Speed Train'],
  bullettrain_front: ['TBP', 'Bullet Train'],
  train2: ['TBP', 'Passenger Train'],
  metro: ['TBP', 'Metro Train'],
  light_rail: ['TBP', 'Light Rail Train'],
  station: ['TBP', 'Model Railway Station'],
  tram: ['TBP', 'Tram'],
  monorail: ['TBP', 'Monorail'],
  mountain_railway: ['TBP', 'Mountain Railway Car'],
  train: ['TBP', 'Tram Car'],
  car: [null, 'Red Car'],
  oncoming_automobile: [null, 'Oncoming Car'],
  blue_car: [null, 'Blue SUV'],
  truck: [null, 'Delivery Truck'],
  racing_motorcycle: [null, 'Motorcycle'],
  manual_wheelchair: ['HEA', 'Manual Wheelchair', 'xl'],
  motorized_wheelchair: ['HEA', 'Motorized Wheelchair', 'xxl'],
  bike: ['SPO', 'Bicycle', 'xl'],
  scooter: ['SPO', 'Kick Scooter', 'l'],
  skateboard: ['SPO', 'Skateboard', 'm'],
  roller_skate: ['SPO', 'Roller Skate', 'm'],
  busstop: [null, 'Bus Stop Sign'],
  oil_drum: ['TOO', 'Oil Drum', 'l'],
  fuelpump: [null, 'Fuel Pump'],
  wheel: [null, 'Wagon Wheel'],
  rotating_light: ['TOO', 'Warning Beacon Light'],
  traffic_light: [null, 'Horizontal Traffic Light'],
  vertical_traffic_light: [null, 'Traffic Light'],
  octagonal_sign: ['TOO', 'Stop Sign'],
  construction: ['TOO', 'Construction Barrier'],
  airplane_departure: [null, 'Airliner Taking Off'],
  airplane_arriving: [null, 'Airliner Landing'],
  parachute: ['SPO', 'Parachute', 'xl'],
  seat: [null, 'Passenger Seat'],
  mountain_cableway: [null, 'Mountain Cable Car'],
  aerial_tramway: [null, 'Aerial Tramway Cabin'],
  satellite: [null, 'Satellite Model'],
  rocket: [null, 'Toy Rocket'],
  flying_saucer: ['TOY', 'Flying Saucer Toy'],
  anchor: [null, 'Boat Anchor'],
  ring_buoy: ['SPO', 'Ring Buoy', 'm'],
  boat: [null, 'Sailboat'],
  passenger_ship: [null, 'Cruise Ship'],
  // sport
  soccer: [null, 'Soccer Ball', 'm'],
  baseball: [null, null, 's'],
  softball: [null, null, 's'],
  volleyball: [null, null, 'm'],
  basketball: [null, 'Basketball', 'm'],
  football: [null, 'American Football', 'm'],
  rugby_football: [null, 'Rugby Ball', 'm'],
  tennis: [null, 'Tennis Racket and Ball', 'm'],
  table_tennis_paddle_and_ball: [null, 'Table Tennis Paddle and Ball', 'm'],
  bowling: [null, 'Bowling Ball and Pins'],
  badminton_racquet_and_shuttlecock: [null, 'Badminton Racket and Shuttlecock'],
  goal_net: [null, 'Soccer Goal', 'l'],
  golf: [null, 'Golf Hole Flag', 'm'],
  fishing_pole_and_fish: [null, 'Fishing Rod'],
  running_shirt_with_sash: [null, 'Running Shirt with Sash', 'm'],
  ski: [null, 'Skis and Ski Boot', 'l'],
  curling_stone: [null, null, 'l'],
  trophy: [null, 'Trophy', 'm'],
  sports_medal: [null, 'Sports Medal', 's'],
  first_place_medal: [null, 'Gold Medal', 's'],
  second_place_medal: [null, 'Silver Medal', 's'],
  third_place_medal: [null, 'Bronze Medal', 's'],
  medal: ['ACC', 'Military Medal', 'm'],
  bow_and_arrow: ['SPO', 'Archery Bow and Arrow', 'l'],
  tent: ['SPO', 'Camping Tent', 'l'],
  compass: ['SPO', 'Compass', 'm'],
  umbrella_on_ground: ['SPO', 'Beach Umbrella', 'm'],
  stopwatch: ['SPO', 'Stopwatch', 'm'],
  // games & toys
  dart: [null, 'Dartboard'],
  gun: [null, 'Water Pistol'],
  '8ball': [null, 'Pool 8-Ball'],
  joystick: [null, 'Arcade Joystick', 'm'],
  slot_machine: [null, null, 'l'],
  game_die: [null, 'Dice', 'xs'],
  jigsaw: [null, 'Jigsaw Puzzle Piece'],
  pinata: ['PAR', 'Piñata'],
  mirror_ball: ['PAR', 'Disco Ball', 'm'],
  black_joker: [null, 'Joker Playing Card', 'xs'],
  mahjong: [null, 'Mahjong Tile', 'xs'],
  flower_playing_cards: [null, 'Hanafuda Cards'],
  carousel_horse: ['TOY', 'Carousel Horse', 'l'],
  playground_slide: ['TOY', 'Playground Slide', 'l'],
  abacus: ['TOY', 'Abacus'],
  boomerang: ['TOY', 'Boomerang'],
  robot_face: ['TOY', 'Robot Toy'],
  shield: ['TOY', 'Toy Shield'],
  ringed_planet: ['TOY', 'Saturn Planet Model'],
  // party & seasonal
  jack_o_lantern: [null, "Jack-O'-Lantern"],
  christmas_tree: [null, null, 'l'],
  fireworks: [null, 'Fireworks', 'm'],
  sparkler: [null, 'Sparkler'],
  tada: [null, 'Party Popper'],
  bamboo: [null, 'Kadomatsu Pine Decoration', 'm'],
  dolls: [null, 'Hina Dolls', 'l'],
  flags: [null, 'Carp Streamer'],
  wind_chime: ['HOM', 'Wind Chime', 's'],
  red_envelope: [null, 'Red Gift Envelope', 'xs'],
  ribbon: [null, 'Gift Ribbon', 'xs'],
  gift: [null, 'Wrapped Gift'],
  reminder_ribbon: [null, 'Awareness Ribbon', 'xs'],
  performing_arts: ['PAR', 'Theatre Masks'],
  love_letter: ['PAR', 'Love Letter', 'xs'],
  gift_heart: ['PAR', 'Heart Gift Box'],
  japanese_ogre: ['PAR', 'Oni Mask'],
  japanese_goblin: ['PAR', 'Tengu Mask'],
  snowman: ['PAR', 'Snowman Figurine'],
  star: ['PAR', 'Gold Star Decoration'],
  rosette: ['PAR', 'Flower Rosette'],
  circus_tent: ['PAR', 'Circus Tent', 'xl'],
  // arts & crafts
  frame_with_picture: ['HOM', 'Framed Picture'],
  art: [null, 'Artist Palette'],
  thread: [null, 'Spool of Thread'],
  yarn: [null, 'Ball of Yarn'],
  knot: [null, 'Rope'],
  // music & sound
  musical_score: [null, 'Sheet Music', 's'],
  studio_microphone: [null, null, 'l'],
  level_slider: [null, 'Audio Fader', 'l'],
  control_knobs: [null, null, 'l'],
  microphone: [null, 'Karaoke Microphone', 'm'],
  headphones: [null, 'Headphones', 'l'],
  radio: ['ELE', 'Radio', 'm'],
  saxophone: [null, null, 'xl'],
  accordion: [null, null, 'xl'],
  guitar: [null, null, 'xl'],
  musical_keyboard: [null, 'Musical Keyboard', 'xl'],
  trumpet: [null, null, 'xl'],
  violin: [null, null, 'xl'],
  banjo: [null, null, 'xl'],
  drum_with_drumsticks: [null, 'Drum with Drumsticks', 'l'],
  long_drum: [null, 'Long Drum', 'l'],
  maracas: [null, null, 's'],
  flute: [null, null, 'l'],
  speaker: [null, 'Speaker', 'l'],
  loudspeaker: [null, 'PA Loudspeaker', 'l'],
  mega: [null, 'Megaphone', 'm'],
  postal_horn: [null, 'Post Horn', 'm'],
  bell: [null, 'Bell', 'm'],
  // electronics
  iphone: [null, 'Smartphone', 'xl'],
  phone: [null, 'Retro Telephone'],
  telephone_receiver: [null, 'Telephone Handset'],
  pager: [null, null, 'm'],
  fax: [null, 'Fax Machine', 'l'],
  battery: [null, null, 'xs'],
  electric_plug: [null, 'Power Plug', 's'],
  computer: [null, 'Laptop', 'xl'],
  desktop_computer: [null, null, 'xl'],
  printer: [null, null, 'l'],
  keyboard: [null, 'Computer Keyboard', 'm'],
  three_button_mouse: [null, 'Computer Mouse', 'm'],
  trackball: [null, null, 'm'],
  minidisc: [null, 'MiniDisc', 's'],
  floppy_disk: [null, null, 'xs'],
  cd: [null, 'Compact Disc', 's'],
  dvd: [null, 'DVD', 's'],
  movie_camera: [null, null, 'xl'],
  film_frames: [null, 'Film Strip', 's'],
  film_projector: [null, null, 'xl'],
  clapper: [null, 'Clapperboard', 'm'],
  tv: [null, 'Television', 'xl'],
  camera: [null, null, 'xl'],
  camera_with_flash: [null, null, 'l'],
  video_camera: [null, 'Camcorder', 'xl'],
  vhs: [null, 'VHS Cassette', 's'],
  satellite_antenna: ['ELE', 'Satellite Dish', 'l'],
  mag: ['HEA', 'Magnifying Glass', 's'],
  candle: ['HOM', 'Candle', 's'],
  bulb: ['HOM', 'Light Bulb', 's'],
  flashlight: ['TOO', 'Flashlight'],
  izakaya_lantern: ['HOM', 'Paper Lantern'],
  diya_lamp: ['HOM', 'Diya Oil Lamp', 's'],
  // books & paper
  notebook_with_decorative_cover: [null, 'Decorated Notebook'],
  closed_book: [null, 'Red Book'],
  book: [null, 'Open Book'],
  books: [null, 'Stack of Books', 'm'],
  notebook: [null, 'Notebook'],
  page_with_curl: [null, 'Curled Paper Sheet', 'xs'],
  page_facing_up: [null, 'Sheet of Writing Paper', 'xs'],
  newspaper: [null, null, 'xs'],
  rolled_up_newspaper: [null, 'Rolled-Up Newspaper', 'xs'],
  bookmark_tabs: [null, 'Bookmark Tabs', 'xs'],
  bookmark: [null, null, 'xs'],
  label: ['STA', 'Gift Tag Label'],
  world_map: ['BOO', 'World Map'],
  // mail & office
  email: [null, 'Envelope', 'xs'],
  package: [null, 'Cardboard Box', 'xs'],
  mailbox: [null, 'Mailbox', 'm'],
  mailbox_closed: [null, 'Mailbox with Flag Down', 'm'],
  mailbox_with_mail: [null, 'Open Mailbox', 'm'],
  mailbox_with_no_mail: [null, 'Empty Open Mailbox', 'm'],
  postbox: [null, 'Post Box', 'l'],
  ballot_box_with_ballot: [null, 'Ballot Box', 'm'],
  briefcase: ['ACC', 'Briefcase', 'l'],
  date: [null, 'Desk Calendar'],
  calendar: [null, 'Tear-Off Calendar'],
  spiral_note_pad: ['STA', 'Spiral Notepad'],
  spiral_calendar_pad: [null, 'Spiral Calendar'],
  pushpin: ['STA', 'Pushpin'],
  round_pushpin: ['STA', 'Round Pushpin'],
  linked_paperclips: ['STA', 'Paper Clips'],
  straight_ruler: ['STA', 'Ruler'],
  triangular_ruler: ['STA', 'Set Square'],
  scissors: ['STA', 'Scissors'],
  card_file_box: [null, null, 'm'],
  file_cabinet: [null, null, 'l'],
  wastebasket: [null, null, 'm'],
  bellhop_bell: ['OFF', 'Service Bell'],
  placard: ['OFF', 'Placard Sign'],
  identification_card: ['OFF', 'ID Card'],
  name_badge: ['OFF', 'Name Badge'],
  // writing
  pencil2: [null, 'Pencil', 'xs'],
  black_nib: [null, 'Fountain Pen Nib'],
  lower_left_fountain_pen: [null, 'Fountain Pen', 'm'],
  lower_left_ballpoint_pen: [null, 'Ballpoint Pen'],
  lower_left_paintbrush: [null, 'Paintbrush'],
  lower_left_crayon: [null, 'Crayon'],
  memo: [null, 'Memo Pad and Pencil'],
  // locks & tools
  lock: [null, 'Padlock'],
  unlock: [null, 'Open Padlock'],
  closed_lock_with_key: [null, 'Lock and Key'],
  key: [null, null, 'xs'],
  old_key: [null, 'Antique Key'],
  pick: [null, 'Pickaxe'],
  hammer_and_pick: [null, 'Hammer and Pickaxe'],
  hammer_and_wrench: [null, 'Hammer and Wrench Set', 'm'],
  carpentry_saw: [null, 'Hand Saw'],
  nut_and_bolt: [null, null, 'xs'],
  compression: [null, 'Clamp'],
  scales: ['HEA', 'Balance Scale'],
  probing_cane: ['HEA', 'White Cane'],
  link: [null, 'Chain Links', 'xs'],
  chains: [null, 'Chain'],
  hook: [null, null, 'xs'],
  toolbox: [null, null, 'l'],
  ladder: [null, null, 'l'],
  bricks: ['TOO', 'Bricks', 'xs'],
  wood: ['TOO', 'Wood Log'],
  // science & medical
  alembic: [null, 'Alembic'],
  test_tube: [null, null, 'xs'],
  petri_dish: [null, 'Petri Dish', 'xs'],
  dna: [null, 'DNA Model'],
  microscope: [null, null, 'l'],
  telescope: [null, null, 'l'],
  syringe: [null, null, 'xs'],
  pill: [null, 'Pill Capsule', 'xs'],
  adhesive_bandage: [null, null, 'xs'],
  stethoscope: [null, null, 'l'],
  'x-ray': [null, 'X-Ray Film'],
  thermometer: ['HEA', 'Thermometer', 's'],
  mechanical_arm: ['HEA', 'Prosthetic Arm', 'xxl'],
  mechanical_leg: ['HEA', 'Prosthetic Leg', 'xxl'],
  // home & decor
  hourglass: ['HOM', 'Hourglass'],
  hourglass_flowing_sand: ['HOM', 'Sand Timer'],
  watch: ['ACC', 'Wristwatch', 'l'],
  alarm_clock: ['HOM', 'Alarm Clock'],
  timer_clock: ['KIT', 'Kitchen Timer'],
  mantelpiece_clock: ['HOM', 'Mantelpiece Clock', 'l'],
  clock12: ['HOM', 'Wall Clock'],
  closed_umbrella: ['ACC', 'Closed Umbrella'],
  umbrella: ['ACC', 'Umbrella'],
  umbrella_with_rain_drops: ['ACC', 'Rain Umbrella'],
  nazar_amulet: ['HOM', 'Nazar Amulet', 's'],
  hamsa: ['HOM', 'Hamsa Charm', 's'],
  moyai: ['HOM', 'Moai Statue'],
  funeral_urn: ['HOM', 'Decorative Urn'],
  luggage: ['ACC', 'Suitcase', 'l'],
  barber: ['BAT', 'Barber Pole', 'l'],
  // plants & garden
  bouquet: [null, null, 'm'],
  cherry_blossom: [null, 'Cherry Blossom'],
  blossom: [null, 'Daisy'],
  evergreen_tree: [null, 'Fir Tree', 'l'],
  deciduous_tree: [null, null, 'l'],
  palm_tree: [null, null, 'l'],
  herb: [null, 'Herb Plant'],
  ear_of_rice: [null, 'Rice Plant'],
  shamrock: [null, 'Shamrock Plant'],
  four_leaf_clover: [null, 'Four-Leaf Clover'],
  empty_nest: [null, 'Bird Nest'],
  nest_with_eggs: [null, 'Bird Nest with Eggs'],
  fountain: ['PLA', 'Garden Fountain', 'l'],
  rock: ['PLA', 'Landscaping Rock', 'm'],
};

const MINOR_WORDS = new Set(['a', 'an', 'and', 'or', 'of', 'with', 'on', 'in', 'the', 'for', 'to', 'at', 'by']);

function titleCase(name) {
  return name.toLowerCase().split(/\s+/).map((w, i) => {
    if (i > 0 && MINOR_WORDS.has(w)) return w;
    return w.split('-').map((p) => (p ? p[0].toUpperCase() + p.slice(1) : p)).join('-');
  }).join(' ');
}

// Deterministic price from the codepoint: log-uniform in [min, max], then rounded to a shop-like ending
// (x.x9 under 10, x.99 under 100, xx9.99 above), clamped to the range. Integer cents throughout.
function price(codepoint, min, max) {
  const h = crypto.createHash('sha256').update(`sample-price:${codepoint}`).digest();
  const frac = h.readUInt32BE(0) / 2 ** 32;
  const lo = Math.round(min * 100);
  const hi = Math.round(max * 100);
  const raw = Math.exp(Math.log(lo) + frac * (Math.log(hi) - Math.log(lo)));
  const step = raw < 1000 ? 10 : raw < 10000 ? 100 : 1000;
  let cents = Math.round(raw / step) * step - 1;
  cents = Math.min(hi, Math.max(lo, cents));
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function csvField(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function sortKey(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function resolveDir(dir, marker) {
  if (fs.existsSync(path.join(dir, marker))) return dir;
  if (fs.existsSync(path.join(dir, 'package', marker))) return path.join(dir, 'package');
  throw new Error(`${dir}: no ${marker} (nor package/${marker}) found`);
}

function checkPackage(dir, [name, version]) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (pkg.name !== name || pkg.version !== version) {
    throw new Error(`${dir}: expected ${name}@${version}, found ${pkg.name}@${pkg.version}`);
  }
}

function isWebp(file) {
  const fd = fs.openSync(file, 'r');
  const b = Buffer.alloc(12);
  fs.readSync(fd, b, 0, 12, 0);
  fs.closeSync(fd);
  return b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP';
}

function main() {
  const [fluentArg, dsArg, outArg] = process.argv.slice(2);
  if (!fluentArg || !dsArg || !outArg) {
    console.error('usage: node build-sample.mjs <fluentDir> <datasourceDir> <outDir>');
    process.exit(2);
  }
  const fluentDir = resolveDir(fluentArg, 'assets');
  const dsDir = resolveDir(dsArg, 'emoji.json');
  checkPackage(fluentDir, EXPECTED.fluent);
  checkPackage(dsDir, EXPECTED.datasource);
  const assetsDir = path.join(fluentDir, 'assets');
  const available = new Set(fs.readdirSync(assetsDir).filter((f) => f.endsWith('.webp')));
  const emoji = JSON.parse(fs.readFileSync(path.join(dsDir, 'emoji.json'), 'utf8'));

  // Sanity checks on the tables themselves.
  const byShortName = new Map(emoji.map((e) => [e.short_name, e]));
  for (const key of [...EXCLUDE, ...Object.keys(ITEMS)]) {
    if (!byShortName.has(key)) throw new Error(`unknown short_name in tables: ${key}`);
  }
  for (const [key, [cat, , band]] of Object.entries(ITEMS)) {
    if (EXCLUDE.has(key)) throw new Error(`${key} is both excluded and listed`);
    if (band !== undefined && !BANDS[band]) throw new Error(`${key}: unknown price band ${band}`);
    if (cat !== null && !CATEGORIES[cat]) throw new Error(`${key}: unknown category ${cat}`);
    if (cat === null && !SUBCATEGORY_DEFAULT[byShortName.get(key).subcategory]) {
      throw new Error(`${key}: subcategory ${byShortName.get(key).subcategory} has no default category`);
    }
  }

  const rows = [];
  const missing = [];
  for (const e of [...emoji].sort((a, b) => a.sort_order - b.sort_order)) {
    if (EXCLUDE.has(e.short_name)) continue;
    const item = ITEMS[e.short_name];
    const cat = (item && item[0]) || SUBCATEGORY_DEFAULT[e.subcategory];
    if (!cat) continue;
    // One image per emoji: the fully-qualified codepoint sequence, else the non-qualified one. Skin-tone
    // variants (separate files in the package) are never picked because only the base sequence is looked up.
    const candidates = [e.unified, e.non_qualified].filter(Boolean).map((u) => `${u.toLowerCase()}.webp`);
    const file = candidates.find((f) => available.has(f));
    if (!file) {
      missing.push(`${e.unified} ${e.short_name}`);
      continue;
    }
    const codepoint = file.slice(0, -'.webp'.length);
    const [catName, abbr, range] = CATEGORIES[cat];
    const band = item && item[2];
    const [min, max] = band ? BANDS[band] : range;
    rows.push({
      file,
      title: (item && item[1]) || titleCase(e.name),
      category: catName,
      sku: `SMP-${abbr}-${codepoint.toUpperCase()}`,
      price: price(codepoint, min, max),
      subcategory: e.subcategory,
    });
  }

  rows.sort((a, b) => cmp(sortKey(a.category), sortKey(b.category)) || cmp(sortKey(a.title), sortKey(b.title))
    || cmp(a.title, b.title) || cmp(a.file, b.file));

  const skus = new Set(rows.map((r) => r.sku));
  if (skus.size !== rows.length) throw new Error('duplicate SKU');
  const files = new Set(rows.map((r) => r.file));
  if (files.size !== rows.length) throw new Error('duplicate file');
  const titles = new Map();
  for (const r of rows) titles.set(r.title, (titles.get(r.title) || 0) + 1);
  const dupTitles = [...titles].filter(([, n]) => n > 1).map(([t]) => t);
  if (dupTitles.length) throw new Error(`duplicate titles: ${dupTitles.join(', ')}`);

  // Write images/ (removing stale .webp files first) and catalog.csv.
  const imagesOut = path.join(outArg, 'images');
  fs.mkdirSync(imagesOut, { recursive: true });
  for (const f of fs.readdirSync(imagesOut)) {
    if (f.endsWith('.webp') && !files.has(f)) fs.unlinkSync(path.join(imagesOut, f));
  }
  let bytes = 0;
  for (const r of rows) {
    const src = path.join(assetsDir, r.file);
    if (!isWebp(src)) throw new Error(`${src} is not a RIFF/WEBP file`);
    fs.copyFileSync(src, path.join(imagesOut, r.file));
    bytes += fs.statSync(src).size;
  }
  const header = 'file,title,category,sku,price';
  const lines = rows.map((r) => [r.file, r.title, r.category, r.sku, r.price].map(csvField).join(','));
  fs.writeFileSync(path.join(outArg, 'catalog.csv'), `${[header, ...lines].join('\n')}\n`, 'utf8');

  // Summary (Markdown table, for the README).
  const counts = new Map();
  for (const r of rows) counts.set(r.category, (counts.get(r.category) || 0) + 1);
  console.log('| Category | SKU prefix | Images | Prices |');
  console.log('|---|---|---:|---|');
  for (const [name, abbr] of Object.values(CATEGORIES).sort((a, b) => cmp(sortKey(a[0]), sortKey(b[0])))) {
    const prices = rows.filter((r) => r.category === name).map((r) => Number(r.price));
    const span = prices.length ? `${Math.min(...prices).toFixed(2)}–${Math.max(...prices).toFixed(2)}` : '';
    console.log(`| ${name} | SMP-${abbr} | ${counts.get(name) || 0} | ${span} |`);
  }
  console.log(`| **Total** | | **${rows.length}** | |`);
  console.error(`${rows.length} images, ${(bytes / 1024 / 1024).toFixed(2)} MiB, ${counts.size} categories`);
  const small = [...counts].filter(([, n]) => n < 15);
  if (small.length) console.error(`WARNING: categories under 15 items: ${small.map(([c, n]) => `${c} (${n})`).join(', ')}`);
  if (missing.length) console.error(`selected but without an image in the fluent package (skipped): ${missing.join('; ')}`);
}

main();
